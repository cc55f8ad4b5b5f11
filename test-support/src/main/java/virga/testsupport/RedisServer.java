package virga.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * A real redis-server on 127.0.0.1 and a free port, without persistence; stopped (with a shutdown
 * hook as a backstop) when closed.
 */
public final class RedisServer implements AutoCloseable {
  /** Where the binary is: system property or environment variable {@value}. */
  public static final String SETTING = "REDIS_SERVER_BIN";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

  private final Process process;
  private final int port;
  private final Thread shutdownHook;

  private RedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
    this.shutdownHook = new Thread(process::destroyForcibly, "redis-server-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The binary: {@value #SETTING}, else Debian's {@code /usr/bin/redis-server}. */
  public static Path binary() {
    return Path.of(Prerequisites.setting(SETTING, "/usr/bin/redis-server"));
  }

  /** Enabled when redis-server is installed; skipped locally, failing on CI, when it is not. */
  public static ConditionEvaluationResult available() {
    return Prerequisites.check("redis-server", List.of(binary()));
  }

  /** Starts redis-server on a free port and waits until it accepts connections. */
  public static RedisServer start() {
    int port = FreePorts.find();
    Process p;
    try {
      p =
          new ProcessBuilder(
                  binary().toString(),
                  "--port",
                  String.valueOf(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary(), e);
    }
    RedisServer server = new RedisServer(p, port);
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (!FreePorts.isListening(port)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        server.close();
        throw new IllegalStateException("redis-server did not start on port " + port);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        server.close();
        throw new IllegalStateException("interrupted while starting redis-server", e);
      }
    }
    return server;
  }

  /** The port it listens on (127.0.0.1). */
  public int port() {
    return port;
  }

  /** Stops the server and waits for it to exit. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
