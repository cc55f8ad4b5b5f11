package virga.component.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The guest fixtures of {@code guests/} (see {@code guests/README.md}) this module can run: the
 * ones that import nothing from {@code wasi:*}.
 */
final class Fixtures {
  private Fixtures() {}

  /** Fixtures without WASI imports, each with a case file and a committed transcript. */
  static final List<String> NO_WASI =
      List.of(
          "kinds",
          "resources",
          "encodings",
          "nested",
          "composed",
          "composed-latin1",
          "bench",
          "reverse",
          "empty-import",
          "empty-import-c",
          "world-resource");

  /** Fixtures that need WASI: runtime/wasi runs them, not this module. */
  static final List<String> WASI = List.of("cguest", "rguest", "jsapp");

  /** jco 1.35 cannot transpile these ("latin to utf8 transcoder"): only the .expected applies. */
  static final List<String> NO_ORACLE = List.of("composed-latin1");

  /** The {@code guests/} directory: system property {@code virga.guests}, else {@code ../../}. */
  static Path guests() {
    String p = System.getProperty("virga.guests");
    Path dir = (p == null || p.isBlank() ? Path.of("../../guests") : Path.of(p)).toAbsolutePath();
    dir = dir.normalize();
    if (!Files.isRegularFile(dir.resolve("README.md")) || !Files.isDirectory(dir.resolve("wasm"))) {
      throw new IllegalStateException(
          "guests/ not found at " + dir + " (run from runtime/component or set -Dvirga.guests)");
    }
    return dir;
  }

  static Path wasm(String fixture) {
    return guests().resolve("wasm").resolve(fixture + ".wasm");
  }

  static Path cases(String fixture) {
    return guests().resolve("cases").resolve(fixture + ".cases");
  }

  static Path expected(String fixture) {
    return guests().resolve("cases").resolve(fixture + ".expected");
  }

  /**
   * Fixtures with extra differential cases in {@code
   * src/test/resources/differential/<fixture>.cases} (edge cases not in {@code guests/cases}), each
   * with the node oracle's transcript beside it.
   */
  static final List<String> EXTRA = List.of("kinds", "resources", "encodings", "reverse", "bench");

  /** This module's extra case file for {@code fixture} (relative to the module directory). */
  static Path extraCases(String fixture) {
    return Path.of("src/test/resources/differential", fixture + ".cases").toAbsolutePath();
  }

  /** The committed oracle transcript of {@link #extraCases}. */
  static Path extraExpected(String fixture) {
    return Path.of("src/test/resources/differential", fixture + ".expected").toAbsolutePath();
  }

  /** The fixture names that have a case file, sorted. */
  static List<String> withCaseFiles() {
    try (Stream<Path> s = Files.list(guests().resolve("cases"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".cases"))
          .map(n -> n.substring(0, n.length() - ".cases".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The committed transcript's lines (no trailing empty line). */
  static List<String> expectedLines(String fixture) {
    return Transcripts.lines(read(expected(fixture)));
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
