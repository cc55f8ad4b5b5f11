package virga.operator.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code nats-server} on 127.0.0.1 and a free port, killed on close; can be stopped and
 * restarted on the same port to simulate an outage. Stand-in until test-support's extension lands.
 */
public final class NatsServerProcess implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(10);

  private final int port;
  private final List<String> extraArgs;
  private final Path log;
  private Process process;

  private NatsServerProcess(int port, List<String> extraArgs) throws IOException {
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
    this.log = Files.createTempFile("nats-server-" + port + "-", ".log");
  }

  /** Starts a plain server on a free port. */
  public static NatsServerProcess start() throws IOException, InterruptedException {
    return start(List.of());
  }

  /** Starts a server with extra command-line arguments (e.g. {@code -c tls.conf}). */
  public static NatsServerProcess start(List<String> extraArgs)
      throws IOException, InterruptedException {
    NatsServerProcess server = new NatsServerProcess(freePort(), extraArgs);
    server.restart();
    return server;
  }

  /** The client URL. */
  public String url() {
    return "nats://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Kills the server (SIGKILL: clients see the connection drop, no lame-duck goodbye). */
  public synchronized void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor();
      process = null;
    }
  }

  /** Starts the server again on the same port and waits until it accepts connections. */
  public synchronized void restart() throws IOException, InterruptedException {
    if (process != null) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of(binary(), "-a", "127.0.0.1", "-p", "" + port));
    cmd.addAll(extraArgs);
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "nats-server exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("nats-server did not listen on " + port + " in " + STARTUP);
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String binary() {
    for (String candidate : List.of("/usr/sbin/nats-server", "/usr/bin/nats-server")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return "nats-server";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
