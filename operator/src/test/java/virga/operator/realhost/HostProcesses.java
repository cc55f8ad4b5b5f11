package virga.operator.realhost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import virga.testsupport.MissingPrerequisiteException;
import virga.testsupport.Prerequisites;

/**
 * A set of real hosts ({@link RealHost}) on one NATS, by id. {@link #close()} kills every process
 * it started, and a shutdown hook does the same if the test JVM ends first: no child outlives the
 * test class.
 */
final class HostProcesses implements AutoCloseable {
  /** The repository root, from the operator module's directory (where failsafe runs). */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private final Path jar;
  private final String natsUrl;
  private final Duration heartbeat;
  private final Path logDir;
  private final Map<String, RealHost> hosts = new LinkedHashMap<>();
  private final Thread hook = new Thread(this::killAll, "real-hosts-shutdown");

  private HostProcesses(Path jar, String natsUrl, Duration heartbeat, Path logDir) {
    this.jar = jar;
    this.natsUrl = natsUrl;
    this.heartbeat = heartbeat;
    this.logDir = logDir;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts a host per id, heartbeating every {@code heartbeat}; logs go to {@code
   * target/realhost/<id>.log}.
   */
  static HostProcesses start(String natsUrl, Duration heartbeat, String... ids)
      throws IOException, InterruptedException {
    HostProcesses set =
        new HostProcesses(
            cliJar(), natsUrl, heartbeat, Path.of("target", "realhost").toAbsolutePath());
    try {
      for (String id : ids) {
        set.launch(id);
      }
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      set.close();
      throw e;
    }
    return set;
  }

  /**
   * The shaded host CLI ({@code runtime/host/target/virga-host-*-cli.jar}, built before this module
   * by the reactor). Missing: the test is skipped locally and fails under {@code CI=true}, as for
   * the other binaries the ITs need.
   */
  static Path cliJar() throws IOException {
    Path target = ROOT.resolve("runtime/host/target");
    List<Path> jars;
    if (Files.isDirectory(target)) {
      try (Stream<Path> s = Files.list(target)) {
        jars =
            s.filter(p -> p.getFileName().toString().matches("virga-host-.*-cli\\.jar")).toList();
      }
    } else {
      jars = List.of();
    }
    if (jars.isEmpty()) {
      String message =
          "no "
              + target
              + "/virga-host-*-cli.jar; build it with: mvn -B -q -o install -DskipTests -pl"
              + " runtime/host -am";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new MissingPrerequisiteException(message);
      }
      Assumptions.abort(message + " (" + Prerequisites.INSTALL_HINT + ")");
    }
    return jars.get(0);
  }

  /** Starts (or starts again, after {@link #kill}) the host {@code id}: same id, new ports. */
  synchronized RealHost launch(String id) throws IOException, InterruptedException {
    RealHost old = hosts.get(id);
    if (old != null && old.alive()) {
      throw new IllegalStateException("host " + id + " is still running");
    }
    // one loopback address per host, kept across restarts, so a host pod's IP names one host
    String hostName = old != null ? old.hostName() : "127.0.0." + (hosts.size() + 1);
    RealHost h = RealHost.launch(jar, ROOT, natsUrl, id, hostName, heartbeat, logDir);
    hosts.put(id, h);
    return h;
  }

  /** The host with this id. */
  synchronized RealHost get(String id) {
    RealHost h = hosts.get(id);
    if (h == null) {
      throw new AssertionError("no real host " + id + " among " + hosts.keySet());
    }
    return h;
  }

  /** Every host, alive or killed. */
  synchronized Collection<RealHost> all() {
    return new ArrayList<>(hosts.values());
  }

  /** Stops the host {@code id} with SIGTERM, as the kubelet does: it drains. */
  void terminate(String id, Duration grace) throws InterruptedException {
    get(id).stop(grace);
  }

  /** Kills the host {@code id} with SIGKILL: no drain, no goodbye. */
  void kill(String id) throws InterruptedException {
    get(id).kill();
  }

  /** Every host's log, for failure messages. */
  synchronized String logs() {
    StringBuilder b = new StringBuilder();
    hosts.values().forEach(h -> b.append("==== ").append(h.id()).append('\n').append(h.output()));
    return b.toString();
  }

  private synchronized void killAll() {
    for (RealHost h : hosts.values()) {
      try {
        h.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Kills every host process. */
  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran
    }
  }
}
