package virga.operator.chart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real helm binary on charts/virga: {@code $HELM}, else ~/.cache/helm/helm
 * (scripts/install-helm.sh), else helm on the PATH. Without one the tests fail in CI ({@code CI}
 * set) and are skipped elsewhere with the install command.
 */
final class Helm {
  static final Path ROOT = repoRoot();
  static final Path CHART = ROOT.resolve("charts/virga");
  static final String NAMESPACE = "virga-system";

  private final Path binary;

  private Helm(Path binary) {
    this.binary = binary;
  }

  /** The helm binary, or a failure (CI) / skip (elsewhere) saying how to install it. */
  static Helm find() {
    Optional<Path> found = locate();
    if (found.isEmpty()) {
      String why = "helm not found: run scripts/install-helm.sh (or set HELM)";
      if (System.getenv("CI") != null) {
        throw new AssertionError(why);
      }
      Assumptions.abort(why);
    }
    return new Helm(found.get());
  }

  private static Optional<Path> locate() {
    List<Path> candidates = new ArrayList<>();
    if (System.getenv("HELM") != null) {
      candidates.add(Path.of(System.getenv("HELM")));
    }
    candidates.add(Path.of(System.getProperty("user.home"), ".cache", "helm", "helm"));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty()) {
        candidates.add(Path.of(dir, "helm"));
      }
    }
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /** The outcome of one helm command. */
  record Result(int exitCode, String stdout, String stderr) {
    String orFail() {
      if (exitCode != 0) {
        throw new AssertionError("helm failed (" + exitCode + "): " + stderr);
      }
      return stdout;
    }
  }

  /** helm with {@code args} (in the chart directory); at most two minutes. */
  Result run(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    try {
      Path out = Files.createTempFile("helm", ".out");
      Path err = Files.createTempFile("helm", ".err");
      try {
        Process p =
            new ProcessBuilder(command)
                .directory(CHART.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
          p.destroyForcibly().waitFor();
          throw new AssertionError("helm did not finish in 2 minutes: " + command);
        }
        return new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** {@code helm template} of the chart into {@link #NAMESPACE} with extra arguments. */
  Result template(String... extra) {
    List<String> args = new ArrayList<>(List.of("template", "v", ".", "-n", NAMESPACE));
    args.addAll(List.of(extra));
    return run(args);
  }

  /** The rendered objects, typed where fabric8 knows the kind. */
  static List<HasMetadata> objects(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
        objects.add(Serialization.unmarshal(doc, HasMetadata.class));
      }
    }
    return objects;
  }

  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("charts/virga"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no charts/virga above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
