package virga.wasi.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import virga.component.Component;
import virga.component.Engine;
import virga.component.differential.Transcripts;

/**
 * The WASI guest fixtures of {@code guests/} (see {@code guests/README.md}): the ones the component
 * module's differential tests leave to this module. Components are compiled once per JVM (the
 * QuickJS one takes ~20 s on Chicory).
 */
final class WasiFixtures {
  private WasiFixtures() {}

  /** The WASI fixtures with node transcripts and Java hosts here. */
  static final List<String> ALL = List.of("cguest", "rguest", "jsapp");

  private static final Engine ENGINE = Engine.create();
  private static final Map<String, Component> COMPILED = new ConcurrentHashMap<>();

  /** The {@code guests/} directory: system property {@code virga.guests}, else {@code ../../}. */
  static Path guests() {
    String p = System.getProperty("virga.guests");
    Path dir = (p == null || p.isBlank() ? Path.of("../../guests") : Path.of(p)).toAbsolutePath();
    dir = dir.normalize();
    if (!Files.isRegularFile(dir.resolve("README.md")) || !Files.isDirectory(dir.resolve("wasm"))) {
      throw new IllegalStateException(
          "guests/ not found at " + dir + " (run from runtime/wasi or set -Dvirga.guests)");
    }
    return dir;
  }

  /** {@code guests/wasm/<fixture>.wasm}, compiled once per JVM. */
  static Component component(String fixture) {
    return COMPILED.computeIfAbsent(
        fixture,
        f -> {
          long t0 = System.nanoTime();
          Component c = ENGINE.compile(readBytes(guests().resolve("wasm").resolve(f + ".wasm")));
          System.out.printf("compiled %s in %d ms%n", f, (System.nanoTime() - t0) / 1_000_000);
          return c;
        });
  }

  /** The case file run for {@code fixture}. */
  static Path cases(String fixture) {
    return file(fixture, ".cases");
  }

  /** The committed node transcript of {@link #cases}. */
  static Path expected(String fixture) {
    return file(fixture, ".expected");
  }

  /** {@link #expected}'s name for messages. */
  static String expectedName(String fixture) {
    return "guests/cases/" + fixture + ".expected";
  }

  /** The committed node transcript's lines. */
  static List<String> expectedLines(String fixture) {
    return Transcripts.lines(read(expected(fixture)));
  }

  private static Path file(String fixture, String suffix) {
    return guests().resolve("cases").resolve(fixture + suffix);
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readBytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
