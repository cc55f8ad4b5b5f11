package virga.e2e.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import virga.testsupport.FreePorts;

/**
 * One {@code bin/host cluster} process standing for one host pod: its id is the pod's name, its
 * {@code --host-name} the pod IP the test wrote into the pod's status, with its own HTTP ingress
 * and {@code /metrics} on free ports.
 */
public final class HostProcess implements AutoCloseable {
  private final String id;
  private final String podIp;
  private final int httpPort;
  private final int metricsPort;
  private final ChildProcess process;

  private HostProcess(String id, String podIp, int httpPort, int metricsPort, ChildProcess p) {
    this.id = id;
    this.podIp = podIp;
    this.httpPort = httpPort;
    this.metricsPort = metricsPort;
    this.process = p;
  }

  /** The shaded host CLI under {@code root/runtime/host/target}; null when it is not built. */
  public static Path jar(Path root) throws IOException {
    Path target = root.resolve("runtime/host/target");
    if (!Files.isDirectory(target)) {
      return null;
    }
    try (Stream<Path> s = Files.list(target)) {
      return s.filter(p -> p.getFileName().toString().matches("virga-host-.*-cli\\.jar"))
          .findFirst()
          .orElse(null);
    }
  }

  /**
   * Starts {@code java -jar JAR ARGS} for the pod {@code podName} with {@code podIp}, in {@code
   * workDir} (where relative image paths are read from): {@code args} are the host container's
   * (already expanded for the pod), with the ingress moved to {@code podIp} and a free port, and
   * metrics and the OCI cache moved to this machine; waits until it runs.
   */
  public static HostProcess launch(
      Path jar, Path workDir, List<String> args, String podName, String podIp, Path logDir)
      throws IOException, InterruptedException {
    int http = FreePorts.find();
    int metrics = FreePorts.find();
    List<String> own = Flags.with(args, "--http-addr", podIp + ":" + http);
    own = Flags.with(own, "--metrics-addr", "127.0.0.1:" + metrics);
    own = Flags.with(own, "--oci-cache-dir", logDir.resolve(podName + "-oci-cache").toString());
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // three of these share 2 cores with the API server, etcd, NATS, the operator and the tests
    cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar"));
    cmd.add(jar.toString());
    cmd.addAll(own);
    ChildProcess p =
        ChildProcess.start(
            "host " + podName, cmd, workDir, Map.of(), logDir.resolve(podName + ".log"));
    HostProcess h = new HostProcess(podName, podIp, http, metrics, p);
    try {
      p.awaitOutput("running; press Ctrl-C to stop", Duration.ofSeconds(60));
    } catch (AssertionError | InterruptedException e) {
      p.kill();
      throw e;
    }
    return h;
  }

  /** The host id: the pod's name. */
  public String id() {
    return id;
  }

  /** The pod IP it reports as its host name. */
  public String podIp() {
    return podIp;
  }

  /** Whether it still runs. */
  public boolean alive() {
    return process.alive();
  }

  /** {@code GET path} on its ingress with {@code Host: host}. */
  public Http.Response get(String host, String path) throws IOException {
    return Http.get(podIp, httpPort, host, path);
  }

  /** Its ingress port (on {@link #podIp()}). */
  public int httpPort() {
    return httpPort;
  }

  /** The sum of the samples of {@code name} carrying every label of {@code labels}; 0 if none. */
  public double metric(String name, String... labels) throws IOException {
    Http.Response r = Http.get("127.0.0.1", metricsPort, "127.0.0.1", "/metrics");
    if (r.status() != 200) {
      throw new AssertionError("/metrics of " + id + " answered " + r.status());
    }
    double sum = 0;
    for (String line : r.body().split("\n")) {
      if (line.startsWith("#") || !(line.startsWith(name + " ") || line.startsWith(name + "{"))) {
        continue;
      }
      boolean all = true;
      for (String l : labels) {
        all &= line.contains(l);
      }
      if (all) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** Its log. */
  public String output() {
    return process.output();
  }

  /** SIGTERM, as the kubelet does on pod deletion: the host drains. */
  public void terminate() throws InterruptedException {
    process.stop(Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    process.kill();
  }
}
