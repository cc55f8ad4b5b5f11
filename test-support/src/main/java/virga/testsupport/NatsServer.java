package virga.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real nats-server with JetStream on 127.0.0.1, storing in its own temporary directory. It can be
 * stopped and started again on the same port to test lost connections.
 */
public final class NatsServer implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Path binary;
  private final int port;
  private final Path workDir;
  private final Thread shutdownHook;
  private Process process;
  private boolean closed;

  private NatsServer(Path binary, int port, Path workDir) {
    this.binary = binary;
    this.port = port;
    this.workDir = workDir;
    this.shutdownHook = new Thread(this::destroy, "nats-server-shutdown");
  }

  /** Starts nats-server on a free port and waits until it accepts connections. */
  public static NatsServer start(Path binary) {
    if (!Files.isExecutable(binary)) {
      throw new IllegalArgumentException("nats-server not executable: " + binary);
    }
    Path workDir;
    try {
      workDir = Files.createTempDirectory("virga-nats");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for nats-server", e);
    }
    NatsServer server = new NatsServer(binary, FreePorts.find(), workDir);
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      server.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Starts the process (again) on the same port and data directory; no-op when running. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("nats-server was closed");
    }
    if (isRunning()) {
      return;
    }
    List<String> command =
        List.of(
            binary.toString(),
            "-a",
            "127.0.0.1",
            "-p",
            String.valueOf(port),
            "-js",
            "-sd",
            workDir.resolve("jetstream").toString());
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    awaitListening();
  }

  /** Stops the process (SIGTERM, then SIGKILL after a grace period); the port stays reserved. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Whether the process is alive. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The client URL, e.g. {@code nats://127.0.0.1:4222}. */
  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  /** The client port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The temporary directory holding JetStream data and the log; deleted on close. */
  public Path dataDir() {
    return workDir;
  }

  /** Everything the server printed so far (useful in assertion messages). */
  public String log() {
    try {
      return Files.exists(logFile()) ? Files.readString(logFile()) : "";
    } catch (IOException e) {
      return "(cannot read " + logFile() + ": " + e + ")";
    }
  }

  /** Kills the process and deletes its data directory. */
  @Override
  public void close() {
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run; nothing left to do
    }
  }

  private synchronized void destroy() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
    deleteRecursively(workDir);
  }

  private Path logFile() {
    return workDir.resolve("nats-server.log");
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "nats-server exited with " + process.exitValue() + " on port " + port + ":\n" + log());
      }
      if (FreePorts.isListening(port)) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for nats-server", e);
      }
    }
    stop();
    throw new IllegalStateException(
        "nats-server did not listen on port "
            + port
            + " within "
            + STARTUP_TIMEOUT
            + ":\n"
            + log());
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
