package virga.plugins.it.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.plugin.PluginRegistry;
import virga.host.workload.WorkloadHost;
import virga.plugins.messaging.NatsMessagingPlugin;
import virga.protocol.manifest.ManifestText;
import virga.protocol.manifest.StandaloneManifest;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;
import virga.testsupport.NatsServer;
import virga.testsupport.WithNatsServer;

/**
 * examples/message-echo (the C guest) from its workload.yaml on real hosts with the {@code
 * wasmcloud-messaging} plugin over a real nats-server, driven by a plain jnats client.
 */
@WithNatsServer
class MessageEchoIT {
  private static final Path EXAMPLE =
      Path.of("../../examples/message-echo").toAbsolutePath().normalize();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<Connection> connections = new ArrayList<>();
  private final List<WorkloadHost> hosts = new ArrayList<>();
  private final List<MeterRegistry> meters = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (WorkloadHost h : hosts) {
      h.close();
    }
    for (Connection c : connections) {
      c.close();
    }
  }

  private Connection connect(NatsServer server) throws Exception {
    Connection c = Nats.connect(Options.builder().server(server.url()).build());
    connections.add(c);
    return c;
  }

  /** A host with the NATS messaging plugin on its own data connection. */
  private WorkloadHost host(NatsServer server) throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    WorkloadHost h =
        WorkloadHost.builder()
            .artifacts(new LocalArtifactResolver(EXAMPLE))
            .shared(Connection.class, connect(server))
            .meterRegistry(registry)
            .plugins(new PluginRegistry().register(new NatsMessagingPlugin()))
            .build();
    hosts.add(h);
    meters.add(registry);
    return h;
  }

  /** The start requests of workload.yaml with {@code replicas} replicas. */
  private static List<WorkloadStartRequest> manifest(int replicas) throws Exception {
    String text = Files.readString(EXAMPLE.resolve("workload.yaml"));
    assertThat(text).contains("replicas: 1");
    return StandaloneManifest.read(
            "workload.yaml",
            List.of(
                new ManifestText(
                    "workload.yaml", text.replace("replicas: 1", "replicas: " + replicas))),
            List.of())
        .startRequests();
  }

  private static void assertRunning(WorkloadStatus s) {
    assertThat(s.getWorkloadState())
        .as(s.getMessage())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
  }

  private static double handled(MeterRegistry registry, String outcome) {
    Counter c = registry.find("virga.messaging.handled").tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }

  /**
   * Waits until {@code registries} counted {@code expected} outcomes in all: a handler's reply can
   * reach the client before its call has returned and been counted.
   */
  private static double awaitHandled(String outcome, double expected, MeterRegistry... registries)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    double sum;
    do {
      sum = 0;
      for (MeterRegistry r : registries) {
        sum += handled(r, outcome);
      }
      if (sum >= expected) {
        break;
      }
      Thread.sleep(10);
    } while (System.nanoTime() < deadline);
    Thread.sleep(100); // and no more than that
    sum = 0;
    for (MeterRegistry r : registries) {
      sum += handled(r, outcome);
    }
    return sum;
  }

  private static byte[] echo(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("echo: ".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  @Test
  void aPlainNatsRequestGetsTheEchoedBody(NatsServer server) throws Exception {
    List<WorkloadStartRequest> requests = manifest(1);
    assertThat(requests).hasSize(1);
    assertRunning(host(server).start(requests.get(0)));
    Connection client = connect(server);
    byte[] binary = {0, 1, (byte) 0xff, (byte) 0xfe, '\n', 'x'};

    // right after the start, without retry: Ready means subscribed
    Message text = client.request("echo.request", "hello".getBytes(StandardCharsets.UTF_8), WAIT);
    Message raw = client.request("echo.request", binary, WAIT);
    Message empty = client.request("echo.request", new byte[0], WAIT);

    assertThat(text).isNotNull();
    assertThat(text.getData()).isEqualTo("echo: hello".getBytes(StandardCharsets.UTF_8));
    assertThat(raw.getData()).isEqualTo(echo(binary));
    assertThat(empty.getData()).isEqualTo("echo: ".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void manySequentialRequestsAreEachAnsweredWithTheirOwnBody(NatsServer server) throws Exception {
    assertRunning(host(server).start(manifest(1).get(0)));
    Connection client = connect(server);
    int n = 300;
    long[] micros = new long[n];

    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      Message reply =
          client.request("echo.request", ("r" + i).getBytes(StandardCharsets.UTF_8), WAIT);
      micros[i] = (System.nanoTime() - start) / 1000;
      assertThat(reply).as("reply %d", i).isNotNull();
      assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("echo: r" + i);
    }

    long[] sorted = micros.clone();
    java.util.Arrays.sort(sorted);
    System.out.printf(
        "message-echo: %d sequential requests, median %d us, p99 %d us, first %d us%n",
        n, sorted[n / 2], sorted[n * 99 / 100], micros[0]);
    assertThat(awaitHandled("ok", n, meters.get(0))).isEqualTo(n);
  }

  @Test
  void twoReplicasOfTheDeploymentOnTwoHostsHandleEachMessageOnce(NatsServer server)
      throws Exception {
    List<WorkloadStartRequest> requests = manifest(2);
    assertThat(requests).hasSize(2);
    assertRunning(host(server).start(requests.get(0)));
    assertRunning(host(server).start(requests.get(1)));
    Connection client = connect(server);
    Subscription replies = client.subscribe("echo.replies");
    client.flush(WAIT);

    int n = 60;
    for (int i = 0; i < n; i++) {
      client.publish("echo.request", "echo.replies", ("m" + i).getBytes(StandardCharsets.UTF_8));
    }
    client.flush(WAIT);

    Set<String> got = new HashSet<>();
    int count = 0;
    for (Message m = replies.nextMessage(WAIT);
        m != null;
        m = replies.nextMessage(Duration.ofMillis(500))) {
      got.add(new String(m.getData(), StandardCharsets.UTF_8));
      count++;
    }
    assertThat(count).isEqualTo(n);
    assertThat(got).hasSize(n).contains("echo: m0", "echo: m" + (n - 1));
    assertThat(awaitHandled("ok", n, meters.get(0), meters.get(1))).isEqualTo(n);
    assertThat(handled(meters.get(0), "ok")).isPositive();
    assertThat(handled(meters.get(1), "ok")).isPositive();
  }

  @Test
  void aTrappingHandlerDoesNotEndTheSubscription(NatsServer server) throws Exception {
    assertRunning(host(server).start(manifest(1).get(0)));
    Connection client = connect(server);
    Subscription replies = client.subscribe("trap.replies");
    client.flush(WAIT);

    client.publish("echo.request", "trap.replies", "trap".getBytes(StandardCharsets.UTF_8));
    client.flush(WAIT);
    Message after = client.request("echo.request", "after".getBytes(StandardCharsets.UTF_8), WAIT);

    assertThat(after).isNotNull();
    assertThat(after.getData()).isEqualTo("echo: after".getBytes(StandardCharsets.UTF_8));
    assertThat(replies.nextMessage(Duration.ofMillis(300))).isNull();
    assertThat(awaitHandled("ok", 1, meters.get(0))).isEqualTo(1.0);
    assertThat(handled(meters.get(0), "trap")).isEqualTo(1.0);
  }
}
