package virga.crds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staleness check: the committed crds/generated/ must equal what the build just generated. */
class GeneratedCrdsAreCurrentTest {

  static final String STALE =
      "Generated CRDs are stale: run `mvn -pl crds process-classes -Dcrds.update`"
          + " and commit crds/generated/";

  @Test
  void committedCrdsMatchGeneratedOnes() throws IOException {
    Path generated = dir("crds.generated.dir", "target/classes/META-INF/fabric8");
    Path committed = dir("crds.committed.dir", "generated");
    assertThat(generated).as("generated CRD directory (run process-classes)").isDirectory();

    List<String> differences = compare(generated, committed);

    if (!differences.isEmpty()) {
      fail(STALE + "\n  " + String.join("\n  ", differences));
    }
  }

  @Test
  void everyKindHasAGeneratedCrd() throws IOException {
    Path generated = dir("crds.generated.dir", "target/classes/META-INF/fabric8");

    assertThat(ymlFiles(generated))
        .containsExactlyInAnyOrder(
            "artifacts.runtime.wasmcloud.dev-v1.yml",
            "hosts.runtime.wasmcloud.dev-v1.yml",
            "workloads.runtime.wasmcloud.dev-v1.yml",
            "workloadreplicasets.runtime.wasmcloud.dev-v1.yml",
            "workloaddeployments.runtime.wasmcloud.dev-v1.yml");
  }

  @Test
  void comparisonReportsChangedMissingAndExtraFiles(@TempDir Path tmp) throws IOException {
    Path generated = Files.createDirectories(tmp.resolve("gen"));
    Path committed = Files.createDirectories(tmp.resolve("committed"));
    Files.writeString(generated.resolve("a-v1.yml"), "kind: A\n");
    Files.writeString(committed.resolve("a-v1.yml"), "kind: A\r\n");
    Files.writeString(generated.resolve("b-v1.yml"), "kind: B\n");
    Files.writeString(committed.resolve("b-v1.yml"), "kind: Old\n");
    Files.writeString(generated.resolve("c-v1.yml"), "kind: C\n");
    Files.writeString(committed.resolve("d-v1.yml"), "kind: D\n");

    assertThat(compare(generated, committed))
        .containsExactly(
            "b-v1.yml differs", "c-v1.yml is not committed", "d-v1.yml is no longer generated");
  }

  static List<String> compare(Path generated, Path committed) throws IOException {
    TreeSet<String> names = new TreeSet<>(ymlFiles(generated));
    names.addAll(ymlFiles(committed));
    List<String> differences = new ArrayList<>();
    for (String name : names) {
      Path fresh = generated.resolve(name);
      Path old = committed.resolve(name);
      if (!Files.exists(old)) {
        differences.add(name + " is not committed");
      } else if (!Files.exists(fresh)) {
        differences.add(name + " is no longer generated");
      } else if (!normalized(fresh).equals(normalized(old))) {
        differences.add(name + " differs");
      }
    }
    return differences;
  }

  private static Path dir(String property, String fallback) {
    return Path.of(System.getProperty(property, fallback));
  }

  private static List<String> ymlFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml")).toList();
    }
  }

  private static String normalized(Path file) throws IOException {
    return Files.readString(file).replace("\r\n", "\n");
  }
}
