package virga.component.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
          "world-resource",
          "sweep",
          "malformed",
          "nested-resources",
          "blob-provider",
          "composed-resources",
          "layout",
          "misuse",
          "utf16-edge",
          "borrow-scope",
          "bulk-scope",
          "reenter");

  /** Fixtures that need WASI: runtime/wasi runs them, not this module. */
  static final List<String> WASI = List.of("cguest", "rguest", "jsapp");

  /**
   * jco 1.35 cannot run these (composed-latin1: "latin to utf8 transcoder"; borrow-scope: "Not a
   * valid Blob resource" for its own blob): only the hand-derived .expected applies.
   */
  static final List<String> NO_ORACLE = List.of("composed-latin1", "borrow-scope");

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

  /**
   * Case files of {@code src/test/resources/differential/<name>.cases} where jco departs from
   * CanonicalABI.md: {@code <name>.expected} is derived by hand from the spec, {@code <name>.jco}
   * is what the node oracle prints; each runs against {@code guests/wasm/<fixture>.wasm}.
   */
  static final Map<String, String> SPEC_ONLY =
      Map.of(
          "malformed-spec",
          "malformed",
          "misuse-spec",
          "misuse",
          "utf16-edge-spec",
          "utf16-edge",
          "reenter-spec",
          "reenter");

  /** The node oracle's transcript of a {@link #SPEC_ONLY} case file (jco's behaviour). */
  static Path jcoTranscript(String name) {
    return Path.of("src/test/resources/differential", name + ".jco").toAbsolutePath();
  }

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
