package virga.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --compile-cache-dir} and {@code --no-compile-cache} on the commands that compile. */
@Timeout(120)
class CompileCacheOptionsTest {
  private static List<Path> cached(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(f -> f.toString().endsWith(".cjar")).toList();
    }
  }

  @Test
  void everyCommandThatCompilesTakesTheOptions() {
    for (String command : List.of("run", "serve", "invoke", "cluster")) {
      CliRun help = CliRun.run(command, "--help");
      assertThat(help.exitCode()).as(command).isZero();
      assertThat(help.out())
          .as(command)
          .contains("--compile-cache-dir=DIR")
          .contains("--no-compile-cache")
          .contains("XDG_CACHE_HOME")
          .contains("virga/compiled");
    }
  }

  @Test
  void invokeFillsTheDirectoryAndTheNextRunReusesIt(@TempDir Path dir) throws IOException {
    Path cache = dir.resolve("compiled");
    String reverse = CliRun.fixture("reverse.wasm").toString();
    for (int run = 0; run < 2; run++) {
      CliRun r =
          CliRun.run("invoke", "--compile-cache-dir", cache.toString(), reverse, "reverse(\"ab\")");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo("\"ba\"\n");
      assertThat(cached(cache)).hasSize(1); // reverse.wasm has one core module
    }
  }

  @Test
  void noCompileCacheWritesNothing(@TempDir Path dir) throws IOException {
    CliRun r =
        CliRun.run(
            "invoke",
            "--no-compile-cache",
            CliRun.fixture("reverse.wasm").toString(),
            "reverse(\"ab\")");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("\"ba\"\n");
    assertThat(cached(dir)).isEmpty();
  }

  @Test
  void bothOptionsAtOnceAreAUsageError(@TempDir Path dir) {
    CliRun r =
        CliRun.run(
            "invoke",
            "--no-compile-cache",
            "--compile-cache-dir",
            dir.toString(),
            CliRun.fixture("reverse.wasm").toString(),
            "reverse(\"ab\")");
    assertThat(r.exitCode()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(r.err()).contains("--compile-cache-dir and --no-compile-cache exclude each other");
  }

  @Test
  void anUnusableDirectoryOnlyCostsCompileTime(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    CliRun r =
        CliRun.run(
            "invoke",
            "--compile-cache-dir",
            file.toString(),
            CliRun.fixture("reverse.wasm").toString(),
            "reverse(\"ab\")");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("\"ba\"\n");
  }

  @Test
  void serveSaysWhetherTheCompileCacheServedTheComponent(@TempDir Path dir) throws Exception {
    String hello = CliRun.fixture("wasi-http-hello.wasm").toString();
    String first = serveOnce(hello, dir);
    assertThat(first)
        .containsPattern(
            "compiled wasi-http-hello.wasm in \\d+ ms \\(0 core module\\(s\\) from the")
        .contains("compile cache " + dir);
    int modules = cached(dir).size();
    assertThat(modules).isPositive();
    String second = serveOnce(hello, dir);
    assertThat(second)
        .contains(modules + " core module(s) from the compile cache " + dir + ", 0 compiled");
  }

  /** Starts {@code serve} on a free port, stops it, and returns what it printed to stderr. */
  private static String serveOnce(String component, Path cache) throws Exception {
    ServeCommand cmd = new ServeCommand();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Thread t =
        new Thread(
            () ->
                ServeCommandTest.cli(cmd, out, err)
                    .execute(
                        component,
                        "--addr",
                        "127.0.0.1:0",
                        "--compile-cache-dir",
                        cache.toString()));
    t.start();
    assertThat(cmd.started.await(60, TimeUnit.SECONDS)).as(err.toString()).isTrue();
    t.interrupt();
    t.join(30_000);
    return err.toString();
  }
}
