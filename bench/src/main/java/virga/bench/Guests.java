package virga.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The guest binaries, built by {@code bench/run.sh} into a directory named by the environment
 * variable {@code VIRGA_BENCH_WASM} (inherited by JMH forks), else {@code bench/target/wasm}.
 */
final class Guests {
  /** C compute kernels (wasm32-wasi reactor, no imports): sieve, matmul, crc32. */
  static final String BENCH_CORE = "bench.core.wasm";

  /**
   * WAT: {@code add}, {@code call_host}, {@code call_host_loop} over import {@code env.host_add}.
   */
  static final String HOSTCALL = "hostcall.wasm";

  /** Component WAT: export {@code call-host-loop} over import {@code host-add}. */
  static final String HOSTCALL_COMPONENT = "hostcall.component.wasm";

  /** The core module of the C reverse guest (no imports). */
  static final String REVERSE_CORE = "reverse.core.wasm";

  /** The C reverse guest as a component ({@code guests/wasm/reverse.wasm}). */
  static final String REVERSE_COMPONENT = "reverse.wasm";

  /** 32 ASCII bytes, the argument of the reverse benchmarks. */
  static final String INPUT_32 = "abcdefghijklmnopqrstuvwxyz012345";

  static final String INPUT_32_REVERSED = new StringBuilder(INPUT_32).reverse().toString();

  private Guests() {}

  static Path dir() {
    String env = System.getenv("VIRGA_BENCH_WASM");
    if (env != null && !env.isEmpty()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("virga.bench.wasm", "bench/target/wasm"));
  }

  static byte[] bytes(String name) {
    Path p = dir().resolve(name);
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "missing guest " + p.toAbsolutePath() + " (build it with bench/run.sh)", e);
    }
  }

  static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("guest returned a wrong result: " + what);
    }
  }
}
