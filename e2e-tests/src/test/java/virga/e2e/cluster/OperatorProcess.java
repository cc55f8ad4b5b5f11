package virga.e2e.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import virga.testsupport.FreePorts;

/**
 * The operator's shaded jar ({@code operator/target/virga-operator-*-all.jar}, what bin/operator
 * runs) as a process with a kubeconfig, its health probe on a free port; ready when {@code /readyz}
 * answers 200.
 */
public final class OperatorProcess implements AutoCloseable {
  private final ChildProcess process;
  private final int healthPort;
  private final int metricsPort;
  private final List<String> args;

  private OperatorProcess(
      ChildProcess process, int healthPort, int metricsPort, List<String> args) {
    this.process = process;
    this.healthPort = healthPort;
    this.metricsPort = metricsPort;
    this.args = args;
  }

  /** The shaded jar under {@code root/operator/target}; null when it is not built. */
  public static Path jar(Path root) throws IOException {
    Path target = root.resolve("operator/target");
    if (!Files.isDirectory(target)) {
      return null;
    }
    try (Stream<Path> s = Files.list(target)) {
      return s.filter(p -> p.getFileName().toString().matches("virga-operator-.*-all\\.jar"))
          .findFirst()
          .orElse(null);
    }
  }

  /**
   * Starts {@code java -jar JAR ARGS} with {@code KUBECONFIG=kubeconfig} and the pod's environment
   * ({@code env}: OPERATOR_NAMESPACE, POD_NAME), health probe and metrics moved to free ports, and
   * waits up to 60 s for {@code /readyz}.
   */
  public static OperatorProcess start(
      Path jar, List<String> args, Path kubeconfig, Map<String, String> env, Path log)
      throws IOException, InterruptedException {
    int health = FreePorts.find();
    int metrics = FreePorts.find();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // bin/operator's JVM flags; a small heap on a shared 2-core machine
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString()));
    // the probe and metrics on this machine's free ports (picocli refuses a repeated option)
    List<String> own = Flags.with(args, "--health-probe-bind-address", "127.0.0.1:" + health);
    cmd.addAll(Flags.with(own, "--metrics-bind-address", "127.0.0.1:" + metrics));
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("KUBECONFIG", kubeconfig.toString());
    ChildProcess p = ChildProcess.start("operator", cmd, log.getParent(), all, log);
    OperatorProcess op = new OperatorProcess(p, health, metrics, List.copyOf(cmd));
    try {
      op.awaitReady(Duration.ofSeconds(60));
    } catch (AssertionError | InterruptedException e) {
      p.kill();
      throw e;
    }
    return op;
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.alive()) {
        throw new AssertionError("the operator exited:\n" + process.tail());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/readyz"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "the operator was not ready within " + timeout + ":\n" + process.tail());
  }

  /** {@code GET /metrics} (Prometheus text). */
  public Http.Response metrics() throws IOException {
    return Http.get("127.0.0.1", metricsPort, "127.0.0.1", "/metrics");
  }

  /** {@code GET /readyz}. */
  public Http.Response readyz() throws IOException {
    return Http.get("127.0.0.1", healthPort, "127.0.0.1", "/readyz");
  }

  /** The command line it runs. */
  public List<String> commandLine() {
    return args;
  }

  /** Everything it logged. */
  public String output() {
    return process.output();
  }

  /** Whether it still runs. */
  public boolean alive() {
    return process.alive();
  }

  @Override
  public void close() {
    process.close();
  }
}
