package virga.bench.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed guest binaries the host benchmarks run, found under the repository named by the
 * environment variable {@code VIRGA_ROOT} (set by {@code bench/host/run.sh}, inherited by JMH
 * forks), else the working directory.
 */
final class HostGuests {
  /** {@code wasi:http} hello (C, 7.8 KB): answers every request with a fixed body. */
  static final String HTTP_HELLO = "guests/wasm/wasi-http-hello.wasm";

  private HostGuests() {}

  static Path root() {
    String env = System.getenv("VIRGA_ROOT");
    return Path.of(env != null && !env.isEmpty() ? env : ".").toAbsolutePath().normalize();
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static byte[] bytes(String relative) {
    Path p = path(relative);
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "missing guest " + p + " (set VIRGA_ROOT to the repository, or run bench/host/run.sh)",
          e);
    }
  }
}
