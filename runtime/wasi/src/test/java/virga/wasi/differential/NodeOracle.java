package virga.wasi.differential;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the node reference oracle ({@code guests/oracle/run.mjs}) live, as {@code
 * guests/oracle/run-all.sh} does ({@code node --experimental-wasm-extended-const run.mjs
 * <fixture>}), in a scratch copy of the guests tree so that jco's output does not go to the shared
 * {@code guests/tools/oracle-out/}: the copy holds the oracle scripts and hosts; {@code wasm/},
 * {@code cases/}, the fixture's directory (its {@code wit/}) and {@code tools/node_modules} are
 * symlinks to the real ones. (Ported from the component module's differential tests.)
 */
final class NodeOracle {
  /** A hung node (or jco) must not hang the build. */
  private static final long TIMEOUT_SECONDS = 300;

  private final Path guests;
  private final Path node;

  private NodeOracle(Path guests, Path node) {
    this.guests = guests;
    this.node = node;
  }

  /** The node executable: system property {@code virga.node}, else {@code node} on the PATH. */
  static Optional<Path> findNode() {
    String p = System.getProperty("virga.node");
    if (p != null && !p.isBlank()) {
      return Optional.of(Path.of(p)).filter(Files::isExecutable);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "node"))) {
        return Optional.of(Path.of(dir, "node"));
      }
    }
    return Optional.empty();
  }

  /** Why the oracle cannot run here, or empty when node and jco are both present. */
  static Optional<String> missing(Path guests) {
    List<String> why = new ArrayList<>();
    if (findNode().isEmpty()) {
      why.add("no `node` on the PATH (or -Dvirga.node)");
    }
    Path jco = guests.resolve("tools/node_modules/.bin/jco");
    if (!Files.isExecutable(jco)) {
      why.add("no jco at " + jco + " (cd guests/tools && npm install)");
    }
    return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
  }

  /**
   * Skips (locally) or fails (when {@code ci} is "true", the project's policy for missing
   * prerequisites) when node or jco is missing.
   */
  static void require(Path guests, String ci) {
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
  static NodeOracle create(Path guests) {
    return new NodeOracle(guests, findNode().orElseThrow());
  }

  /** The oracle's exit status, transcript (its stdout) and stderr. */
  record Result(int exitCode, List<String> transcript, String stderr) {}

  /** Runs {@code cases} (a case file of {@code fixture}). */
  Result run(String fixture, Path cases, Path scratch) throws IOException, InterruptedException {
    Path root = Files.createDirectories(scratch.resolve("guests"));
    copyTree(guests.resolve("oracle"), root.resolve("oracle"));
    Files.createDirectories(root.resolve("tools"));
    List<String> links = List.of("wasm", "cases", fixture, "tools/node_modules");
    try {
      for (String link : links) {
        Files.createSymbolicLink(root.resolve(link), guests.resolve(link));
      }
      Path out = scratch.resolve("stdout.txt");
      Path err = scratch.resolve("stderr.txt");
      Process p =
          new ProcessBuilder(
                  node.toString(),
                  "--experimental-wasm-extended-const",
                  root.resolve("oracle/run.mjs").toString(),
                  fixture,
                  cases.toAbsolutePath().toString())
              .directory(root.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IOException("node oracle for " + fixture + " ran over " + TIMEOUT_SECONDS + " s");
      }
      return new Result(
          p.exitValue(),
          Transcripts.lines(Files.readString(out, StandardCharsets.UTF_8)),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      // remove the links ourselves, so that no cleanup of the scratch directory can follow them
      for (String link : links) {
        Files.deleteIfExists(root.resolve(link));
      }
    }
  }

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
            Files.copy(file, to.resolve(from.relativize(file).toString()));
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
