package virga.operator.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.RuntimeApi;
import virga.operator.OperatorConfig;
import virga.operator.OperatorMain;
import virga.operator.VirgaOperator;
import virga.operator.conditions.Conditions;
import virga.operator.testing.FakeHost;
import virga.testsupport.KubeApiServerExtension;
import virga.testsupport.NatsServerExtension;

/**
 * Operating the operator: the configuration OperatorMain builds from its flags, run against a real
 * kube-apiserver + etcd and a real nats-server, with FakeHosts heartbeating over NATS.
 *
 * <p>Readiness is deliberately <em>not</em> tied to NATS: the operator serves no traffic, so an
 * unready Pod gains nothing, and during a NATS outage the operator must keep running to gate Host
 * deletion on bus health. /readyz is 503 only while starting or while the leader's informers are
 * unhealthy; its body names the role (leader/standby) and the NATS state. /healthz is 200 while the
 * process runs.
 */
@Timeout(300)
class OperatorOperationsIT {
  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();
  @RegisterExtension static final NatsServerExtension NATS = new NatsServerExtension();

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static final ObjectMapper JSON = new ObjectMapper();

  final List<AutoCloseable> cleanup = new ArrayList<>();

  @BeforeAll
  static void crds() {
    KUBE.server().applyCrdResources(RuntimeApi.CRD_RESOURCES);
  }

  @AfterEach
  void closeAll() {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      try {
        cleanup.get(i).close();
      } catch (Exception e) {
        // best effort
      }
    }
  }

  static void namespace(String name) {
    KUBE.client()
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  /** The configuration OperatorMain makes of these flags (as {@code java -jar} would). */
  static OperatorConfig fromFlags(String... args) {
    var cl = OperatorMain.commandLine();
    cl.parseArgs(args);
    OperatorMain main = cl.getCommand();
    return main.config();
  }

  /** A client of its own, as a second process would have. */
  KubernetesClient ownClient() {
    KubernetesClient c =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(KUBE.server().kubeConfigYaml()))
            .build();
    cleanup.add(c);
    return c;
  }

  Connection hostConnection() throws Exception {
    Connection c =
        Nats.connect(
            new Options.Builder()
                .server(NATS.url())
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(200))
                .build());
    cleanup.add(c);
    return c;
  }

  FakeHost fakeHost(String id, String name) throws Exception {
    FakeHost h =
        FakeHost.builder(id)
            .friendlyName(name)
            .heartbeatInterval(Duration.ofMillis(300))
            .start(hostConnection());
    cleanup.add(h);
    return h;
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static Host host(String ns, String name) {
    return KUBE.client().resources(Host.class).inNamespace(ns).withName(name).get();
  }

  static boolean ready(Host h) {
    return h != null
        && Conditions.find(h.getStatus(), ConditionTypes.READY)
            .map(c -> ConditionStatus.TRUE.equals(c.getStatus()))
            .orElse(false);
  }

  static Optional<Double> sample(String scrape, String nameAndLabels) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(nameAndLabels) + " ([0-9.eE+-]+)$").matcher(scrape);
    return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
  }

  /** Sum of every sample of a metric family with the given labels present (any others). */
  static double sum(String scrape, String name, String... labels) {
    double total = 0;
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$")
            .matcher(scrape);
    outer:
    while (m.find()) {
      String l = m.group(1) == null ? "" : m.group(1);
      for (String want : labels) {
        if (!l.contains(want)) {
          continue outer;
        }
      }
      total += Double.parseDouble(m.group(2));
    }
    return total;
  }

  @Test
  void probesAndMetricsOfARunningOperator() throws Exception {
    String ns = "ops-metrics";
    namespace(ns);
    OperatorConfig config =
        fromFlags(
            "--nats-url",
            NATS.url(),
            "--host-namespace",
            ns,
            "--metrics-bind-address",
            "127.0.0.1:0",
            "--health-probe-bind-address",
            "127.0.0.1:0",
            "--host-reconcile-interval",
            "1s");
    VirgaOperator op = VirgaOperator.start(config, KUBE.client(), Clock.systemUTC());
    cleanup.add(op);
    assertThat(op.metricsPort()).isPositive();
    assertThat(op.healthPort()).isPositive().isNotEqualTo(op.metricsPort());

    HttpResponse<String> healthz = get(op.healthPort(), "/healthz");
    assertThat(healthz.statusCode()).isEqualTo(200);
    HttpResponse<String> readyz = get(op.healthPort(), "/readyz");
    assertThat(readyz.statusCode()).isEqualTo(200);
    assertThat(readyz.body()).contains("leader").contains("nats connected");
    assertThat(get(op.healthPort(), "/metrics").statusCode())
        .as("metrics are not served on the probe port")
        .isEqualTo(404);

    fakeHost("OPSMETRICS1", "ops-metrics-1");
    fakeHost("OPSMETRICS2", "ops-metrics-2");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ready(host(ns, "ops-metrics-1")) && ready(host(ns, "ops-metrics-2")));
    // the Host controller requeues every second: wait until it has run a few times
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              String body = get(op.metricsPort(), "/metrics").body();
              Files.writeString(Path.of("target", "operator-operations-metrics.txt"), body);
              return sum(body, "operator_sdk_reconciliations_success_total", "kind=\"Host\"") >= 4;
            });

    HttpResponse<String> metrics = get(op.metricsPort(), "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    String scrape = metrics.body();
    Files.writeString(Path.of("target", "operator-operations-metrics.txt"), scrape);
    // Prometheus text: every non-comment line is "name{labels} value"
    for (String line : scrape.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        assertThat(line).matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? -?[0-9.eE+-]+|.* NaN");
      }
    }
    // the operator's own: hosts by Ready state
    assertThat(sample(scrape, "virga_hosts{state=\"True\"}")).contains(2.0);
    assertThat(sample(scrape, "virga_hosts{state=\"False\"}")).contains(0.0);
    assertThat(sample(scrape, "virga_hosts{state=\"Unknown\"}")).contains(0.0);
    // JOSDK's: reconciliations per controller, and the reconcile latency timer
    // two Hosts, each reconciled at least once
    assertThat(sum(scrape, "operator_sdk_reconciliations_started_total", "kind=\"Host\""))
        .isGreaterThanOrEqualTo(2);
    assertThat(sum(scrape, "operator_sdk_reconciliations_failed_total", "kind=\"Host\"")).isZero();
    assertThat(
            sum(
                scrape,
                "operator_sdk_controllers_execution_reconcile_seconds_count",
                "controller=\"host\""))
        .isGreaterThanOrEqualTo(2);
    assertThat(
            sum(
                scrape,
                "operator_sdk_controllers_execution_reconcile_seconds_sum",
                "controller=\"host\""))
        .isPositive();
    // the JVM's, for heap sizing
    assertThat(sum(scrape, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
    assertThat(sum(scrape, "jvm_threads_live_threads")).isPositive();

    // NATS down: still live and ready (see the class comment), and the body says so
    NATS.server().stop();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> !op.busHealth().connected());
      HttpResponse<String> during = get(op.healthPort(), "/readyz");
      assertThat(during.statusCode()).isEqualTo(200);
      assertThat(during.body()).contains("nats disconnected");
      assertThat(get(op.healthPort(), "/healthz").statusCode()).isEqualTo(200);
    } finally {
      NATS.server().start();
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> op.busHealth().connected());
    assertThat(get(op.healthPort(), "/readyz").body()).contains("nats connected");

    op.close();
    cleanup.remove(op);
    int port = op.healthPort();
    try {
      get(port, "/healthz");
      throw new AssertionError("the probe port is still served after close()");
    } catch (IOException expected) {
      // connection refused
    }
  }

  Lease lease(String ns) {
    return KUBE.client().leases().inNamespace(ns).withName(OperatorConfig.LEASE_NAME).get();
  }

  static String holder(Lease l) {
    return l == null ? null : l.getSpec().getHolderIdentity();
  }

  @Test
  void withLeaderElectionExactlyOneReconcilesAndTheOtherTakesOver() throws Exception {
    String ns = "ops-leader";
    namespace(ns);
    OperatorConfig.Lease timing =
        new OperatorConfig.Lease(
            Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(500), null);
    String[] flags = {
      "--nats-url",
      NATS.url(),
      "--host-namespace",
      ns,
      "--leader-elect",
      "--metrics-bind-address",
      "127.0.0.1:0",
      "--health-probe-bind-address",
      "127.0.0.1:0",
      "--host-reconcile-interval",
      "1s"
    };
    OperatorConfig base = fromFlags(flags);
    assertThat(base.leaderElect()).isTrue();
    AtomicInteger lostA = new AtomicInteger();
    AtomicInteger lostB = new AtomicInteger();
    VirgaOperator a =
        VirgaOperator.start(
            base.withLeaderElection(true, timing.withIdentity("op-a")),
            ownClient(),
            Clock.systemUTC(),
            lostA::incrementAndGet);
    cleanup.add(a);
    await().atMost(Duration.ofSeconds(20)).until(a::leading);
    VirgaOperator b =
        VirgaOperator.start(
            base.withLeaderElection(true, timing.withIdentity("op-b")),
            ownClient(),
            Clock.systemUTC(),
            lostB::incrementAndGet);
    cleanup.add(b);
    assertThat(holder(lease(ns))).isEqualTo("op-a");

    FakeHost h = fakeHost("OPSLEADER1", "ops-leader-1");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> ready(host(ns, "ops-leader-1")));
    // a few lease periods with both running: the roles never change
    Instant until = Instant.now().plus(timing.duration().multipliedBy(2));
    while (Instant.now().isBefore(until)) {
      assertThat(a.leading()).isTrue();
      assertThat(b.leading()).isFalse();
      assertThat(holder(lease(ns))).isEqualTo("op-a");
      Thread.sleep(200);
    }
    assertThat(h.heartbeatsSent()).isGreaterThan(5);
    assertThat(a.heartbeats().received()).isPositive();
    assertThat(b.heartbeats().received()).as("the standby does not register hosts").isZero();
    String scrapeA = a.registry().scrape();
    String scrapeB = b.registry().scrape();
    assertThat(sum(scrapeA, "operator_sdk_reconciliations_started_total", "kind=\"Host\""))
        .isPositive();
    assertThat(sum(scrapeB, "operator_sdk_reconciliations_started_total"))
        .as("the standby reconciles nothing")
        .isZero();
    assertThat(get(b.healthPort(), "/readyz").body()).contains("standby");
    assertThat(get(b.healthPort(), "/readyz").statusCode()).isEqualTo(200);
    assertThat(get(a.healthPort(), "/readyz").body()).contains("leader");

    // the leader stops (as on SIGTERM): no exit, no lost-leadership action; b takes over
    Instant stoppedAt = Instant.now();
    a.close();
    cleanup.remove(a);
    assertThat(lostA.get()).as("close() is not a lost leadership").isZero();
    await()
        .atMost(timing.duration().plus(timing.retryPeriod().multipliedBy(3)))
        .pollInterval(Duration.ofMillis(50))
        .until(b::leading);
    Duration takeover = Duration.between(stoppedAt, Instant.now());
    assertThat(holder(lease(ns))).isEqualTo("op-b");
    assertThat(takeover)
        .as("takeover within the lease duration (+ one retry period of polling)")
        .isLessThanOrEqualTo(timing.duration().plus(timing.retryPeriod().multipliedBy(2)));
    // and b now does the work: it hears heartbeats and keeps the Host current
    long receivedBefore = b.heartbeats().received();
    await().atMost(Duration.ofSeconds(10)).until(() -> b.heartbeats().received() > receivedBefore);
    Instant after = Instant.now();
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              Host current = host(ns, "ops-leader-1");
              return current != null
                  && current.getStatus().getLastSeen() != null
                  && current.getStatus().getLastSeen().isAfter(after.minusMillis(1));
            });
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                sum(
                        b.registry().scrape(),
                        "operator_sdk_reconciliations_started_total",
                        "kind=\"Host\"")
                    > 0);
    assertThat(lostB.get()).isZero();
    System.out.println("leader takeover after " + takeover.toMillis() + " ms");
  }

  @Test
  void losingTheLeaseWhileRunningTriggersTheLostLeadershipAction() throws Exception {
    String ns = "ops-steal";
    namespace(ns);
    OperatorConfig.Lease timing =
        new OperatorConfig.Lease(
            Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(500), "op-victim");
    AtomicInteger lost = new AtomicInteger();
    VirgaOperator op =
        VirgaOperator.start(
            OperatorConfig.of(NATS.url(), ns).withLeaderElection(true, timing),
            ownClient(),
            Clock.systemUTC(),
            lost::incrementAndGet);
    cleanup.add(op);
    await().atMost(Duration.ofSeconds(20)).until(op::leading);
    // someone else takes the Lease (as after a long GC pause or a partition)
    KUBE.client()
        .leases()
        .inNamespace(ns)
        .withName(OperatorConfig.LEASE_NAME)
        .edit(
            l -> {
              l.getSpec().setHolderIdentity("op-intruder");
              l.getSpec().setRenewTime(ZonedDateTime.now().plusMinutes(5));
              l.getSpec().setLeaseDurationSeconds(600);
              return l;
            });
    await()
        .atMost(timing.renewDeadline().plus(Duration.ofSeconds(5)))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> lost.get() > 0);
    assertThat(op.leading()).isFalse();
    assertThat(lost.get()).isEqualTo(1);
  }

  @Test
  void jsonLogAndSigtermOfTheRealMainInASubprocess(@TempDir Path dir) throws Exception {
    String ns = "ops-json";
    namespace(ns);
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                OperatorMain.class.getName(),
                "--json-log",
                "--leader-elect",
                "--nats-url",
                NATS.url(),
                "--host-namespace",
                ns,
                "--metrics-bind-address",
                "127.0.0.1:0",
                "--health-probe-bind-address",
                "127.0.0.1:0")
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("KUBECONFIG", KUBE.kubeConfigFile().toString());
    pb.environment().put("POD_NAME", "op-json");
    Process p = pb.start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                assertThat(p.isAlive()).as("operator subprocess died: " + tail(err)).isTrue();
                return Files.readString(err).contains("operator started");
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> "op-json".equals(holder(lease(ns))));
      FakeHost h = fakeHost("OPSJSON1", "ops-json-1");
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> ready(host(ns, "ops-json-1")));
      h.close();

      // the probe port is in the startup line; the process answers on it
      JsonNode started = null;
      for (String line : Files.readAllLines(err)) {
        JsonNode n = JSON.readTree(line);
        if (n.path("message").asText().startsWith("operator started")) {
          started = n;
        }
      }
      assertThat(started).isNotNull();
      Matcher port = Pattern.compile("probe port (\\d+)").matcher(started.get("message").asText());
      assertThat(port.find()).isTrue();
      HttpResponse<String> readyz = get(Integer.parseInt(port.group(1)), "/readyz");
      assertThat(readyz.statusCode()).isEqualTo(200);
      assertThat(readyz.body()).contains("leader");

      // SIGTERM: the leader must shut down promptly (it used to hang in System.exit)
      Instant term = Instant.now();
      p.destroy();
      assertThat(p.waitFor(20, TimeUnit.SECONDS))
          .as("the operator exits within 20 s of SIGTERM; stderr: " + tail(err))
          .isTrue();
      assertThat(p.exitValue()).as("exit status after SIGTERM").isIn(0, 143);
      System.out.println(
          "SIGTERM to exit: " + Duration.between(term, Instant.now()).toMillis() + " ms");
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }

    List<String> lines = Files.readAllLines(err);
    assertThat(lines).hasSizeGreaterThan(5);
    for (String line : lines) {
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException e) {
        throw new AssertionError("not a JSON object: " + line, e);
      }
      assertThat(n.isObject()).as(line).isTrue();
      assertThat(n.has("@timestamp") && n.has("level") && n.has("message") && n.has("logger_name"))
          .as("timestamp, level, logger and message in " + line)
          .isTrue();
    }
    assertThat(lines).anyMatch(l -> l.contains("\"released leadership on shutdown\""));
    assertThat(lines).noneMatch(l -> l.contains("lost leadership"));
    // a log line that had a stack trace keeps it inside the object
    for (String line : Files.readAllLines(out)) {
      assertThat(JSON.readTree(line).isObject()).as("stdout: " + line).isTrue();
    }
  }

  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return e.toString();
    }
  }
}
