package virga.component.differential;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the node reference oracle ({@code guests/oracle/run.mjs}) live, the way {@code
 * guests/oracle/run-all.sh} does ({@code node --experimental-wasm-extended-const run.mjs
 * <fixture>}), but in a scratch copy of the guests tree so that jco's output does not go to the
 * shared {@code guests/tools/oracle-out/}: the copy holds the oracle scripts; {@code wasm/}, {@code
 * cases/}, the fixture's source directory (its {@code wit/}) and {@code tools/node_modules} are
 * symlinks to the real ones.
 */
public final class NodeOracle {
  /** The transpile and run of one fixture takes ~2 s; a hung node must not hang the build. */
  private static final long TIMEOUT_SECONDS = 180;

  private final long timeoutSeconds;

  private final Path guests;
  private final Path node;

  private NodeOracle(Path guests, Path node, long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
    this.guests = guests;
    this.node = node;
  }

  /** The node executable: system property {@code virga.node}, else {@code node} on the PATH. */
  public static Optional<Path> findNode() {
    String p = System.getProperty("virga.node");
    if (p != null && !p.isBlank()) {
      return Optional.of(Path.of(p)).filter(Files::isExecutable);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, "node");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** jco as {@code run.mjs} calls it. */
  public static Path jco(Path guests) {
    return guests.resolve("tools/node_modules/.bin/jco");
  }

  /**
   * Why the oracle cannot run here, or empty when node and jco are both present. Install them with
   * a node on the PATH and {@code cd guests/tools && npm install}.
   */
  public static Optional<String> missing(Path guests) {
    List<String> why = new ArrayList<>();
    if (findNode().isEmpty()) {
      why.add("no `node` on the PATH (or -Dvirga.node)");
    }
    if (!Files.isExecutable(jco(guests))) {
      why.add("no jco at " + jco(guests) + " (cd guests/tools && npm install)");
    }
    return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
  }

  /**
   * Skips (locally) or fails (when {@code ci} is "true", the project's policy for missing
   * prerequisites) when node or jco is missing.
   */
  public static void require(Path guests, String ci) {
    Optional<String> missing = missing(guests);
    if (missing.isEmpty()) {
      return;
    }
    String message = "node oracle unavailable: " + missing.get();
    if ("true".equalsIgnoreCase(ci)) {
      throw new AssertionFailedError(message + " (CI=true: the differential test must run)");
    }
    Assumptions.abort(message);
  }

  /** An oracle over {@code guests}; call only when {@link #missing} is empty. */
  public static NodeOracle create(Path guests) {
    return create(guests, TIMEOUT_SECONDS);
  }

  /** As {@link #create(Path)}, for guests slower than the default bound allows (QuickJS). */
  public static NodeOracle create(Path guests, long timeoutSeconds) {
    return new NodeOracle(guests, findNode().orElseThrow(), timeoutSeconds);
  }

  /** The transcript the oracle prints for {@code fixture}'s case file. */
  public Result run(String fixture, Path scratch) throws IOException, InterruptedException {
    return run(fixture, null, scratch);
  }

  /** The transcript the oracle prints for {@code cases} (null: the fixture's own case file). */
  public Result run(String fixture, Path cases, Path scratch)
      throws IOException, InterruptedException {
    Path root = Files.createDirectories(scratch.resolve("guests"));
    copyTree(guests.resolve("oracle"), root.resolve("oracle"));
    Files.createDirectories(root.resolve("tools"));
    List<String> links = List.of("wasm", "cases", fixture, "tools/node_modules");
    try {
      for (String link : links) {
        Files.createSymbolicLink(root.resolve(link), guests.resolve(link));
      }
      return node(fixture, cases, root, scratch);
    } finally {
      // remove the links ourselves, so that no cleanup of the scratch directory can follow them
      for (String link : links) {
        Files.deleteIfExists(root.resolve(link));
      }
    }
  }

  private Result node(String fixture, Path cases, Path root, Path scratch)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(node.toString());
    command.add("--experimental-wasm-extended-const");
    command.add(root.resolve("oracle/run.mjs").toString());
    command.add(fixture);
    if (cases != null) {
      command.add(cases.toAbsolutePath().toString());
    }
    Path out = scratch.resolve("stdout.txt");
    Path err = scratch.resolve("stderr.txt");
    Process p =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly); // jco, when it hangs
      p.destroyForcibly();
      throw new IOException("node oracle for " + fixture + " ran over " + timeoutSeconds + " s");
    }
    return new Result(
        p.exitValue(),
        Transcripts.lines(Files.readString(out, StandardCharsets.UTF_8)),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The oracle's exit status, transcript and stderr. */
  public record Result(int exitCode, List<String> transcript, String stderr) {}

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.COPY_ATTRIBUTES);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
