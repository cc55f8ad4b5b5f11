package virga.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static virga.operator.testing.FakeHost.wit;

import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.operator.hosts.HeartbeatListener;
import virga.operator.hosts.HostClient;
import virga.operator.hosts.HostReplyException;
import virga.operator.hosts.HostTimeouts;
import virga.operator.hosts.HostUnreachableException;
import virga.operator.nats.BusHealth;
import virga.operator.nats.NatsConnectionFactory;
import virga.operator.nats.NatsSettings;
import virga.protocol.Protocol;
import virga.protocol.Subjects;
import virga.protocol.v2.Component;
import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.WitWorld;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;

/** HostClient, HeartbeatListener and BusHealth against FakeHost over a real nats-server. */
@Timeout(60)
// jnats declares Connection.close() throws InterruptedException; the tests propagate it
@SuppressWarnings("try")
class FakeHostIT {
  private static final Duration BEAT = Duration.ofMillis(200);
  private static NatsServerProcess server;

  private final List<AutoCloseable> closeables = new CopyOnWriteArrayList<>();
  private Connection operator;
  private Connection hostSide;
  private HostClient client;

  @BeforeAll
  static void startServer() throws Exception {
    server = NatsServerProcess.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void connect() throws Exception {
    operator = NatsConnectionFactory.connect(NatsSettings.of(server.url()), new BusHealth());
    hostSide = Nats.connect(server.url());
    client = new HostClient(operator, HostTimeouts.all(Duration.ofSeconds(2)));
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    operator.close();
    hostSide.close();
  }

  private FakeHost host(FakeHost.Builder builder) {
    FakeHost host = builder.heartbeatInterval(BEAT).start(hostSide);
    closeables.add(host);
    return host;
  }

  private static WorkloadStartRequest startRequest(String workloadId) {
    return WorkloadStartRequest.newBuilder()
        .setWorkloadId(workloadId)
        .setWorkload(
            Workload.newBuilder()
                .setNamespace("default")
                .setName("hello")
                .setWitWorld(
                    WitWorld.newBuilder()
                        .addComponents(
                            Component.newBuilder()
                                .setName("hello-world")
                                .setImage("ghcr.io/wasmcloud/components/hello:0.1.0")
                                .setLocalResources(
                                    LocalResources.newBuilder().putEnvironment("GREETING", "hi")))
                        .addHostInterfaces(
                            wit("wasi:config/store@0.2.0-rc.1").toBuilder()
                                .putConfig("KEY", "value"))))
        .build();
  }

  @Test
  void heartbeatRequestReturnsTheAdvertisedHost() throws Exception {
    host(
        FakeHost.builder("host-a")
            .label("zone", "eu")
            .environment("team-a")
            .imports(wit("wasi:keyvalue/store,atomics@0.2.0-draft"))
            .httpPort(8080));

    HostHeartbeat hb = client.heartbeat("host-a");

    assertThat(hb.getId()).isEqualTo("host-a");
    assertThat(hb.getLabelsMap()).containsEntry("zone", "eu").containsEntry("hostgroup", "default");
    assertThat(hb.getEnvironment()).isEqualTo("team-a");
    assertThat(hb.getHttpPort()).isEqualTo(8080);
    assertThat(hb.getImports(0).getInterfacesList()).containsExactly("store", "atomics");
  }

  @Test
  void startStatusStopRoundTrip() throws Exception {
    FakeHost host = host(FakeHost.builder("host-b"));

    var started = client.start("host-b", startRequest("uid-1"));
    assertThat(started.getWorkloadStatus().getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    assertThat(started.getWorkloadStatus().getWorkloadId()).isEqualTo("uid-1");

    // the config reached the host exactly as sent
    WorkloadStartRequest seen = host.startRequests().get(0);
    assertThat(seen.getWorkload().getWitWorld().getHostInterfaces(0).getConfigMap())
        .containsEntry("KEY", "value");
    assertThat(
            seen.getWorkload()
                .getWitWorld()
                .getComponents(0)
                .getLocalResources()
                .getEnvironmentMap())
        .containsEntry("GREETING", "hi");

    assertThat(client.status("host-b", "uid-1").getWorkloadStatus().getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    assertThat(client.heartbeat("host-b").getWorkloadCount()).isEqualTo(1);

    var stopped = client.stop("host-b", "uid-1").getWorkloadStatus();
    assertThat(stopped.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_STOPPING);
    assertThat(stopped.getMessage()).isEqualTo("Workload stopped successfully");

    var gone = client.status("host-b", "uid-1").getWorkloadStatus();
    assertThat(gone.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_NOT_FOUND);
    assertThat(client.stop("host-b", "uid-1").getWorkloadStatus().getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_NOT_FOUND);
  }

  @Test
  void duplicateStartIsRefusedAndLeavesTheFirstRunning() {
    FakeHost host = host(FakeHost.builder("host-c"));
    client.start("host-c", startRequest("uid-2"));

    var again = client.start("host-c", startRequest("uid-2")).getWorkloadStatus();

    assertThat(again.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_ERROR);
    assertThat(again.getMessage())
        .isEqualTo(
            "Workload ID [uid-2] already exists (the existing workload must be stopped to reuse"
                + " the ID)");
    assertThat(host.state("uid-2")).contains(WorkloadState.WORKLOAD_STATE_RUNNING);
  }

  @Test
  void failedStartLeavesAnErrorSlotUntilStopped() {
    FakeHost host = host(FakeHost.builder("host-d")).failStarts("failed to pull image");

    var failed = client.start("host-d", startRequest("uid-3")).getWorkloadStatus();
    assertThat(failed.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_ERROR);
    assertThat(failed.getMessage()).isEqualTo("failed to pull image");
    assertThat(client.status("host-d", "uid-3").getWorkloadStatus().getMessage())
        .isEqualTo("failed to pull image");

    host.failStarts(null);
    assertThat(client.start("host-d", startRequest("uid-3")).getWorkloadStatus().getMessage())
        .contains("already exists");
    client.stop("host-d", "uid-3");
    assertThat(client.start("host-d", startRequest("uid-3")).getWorkloadStatus().getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
  }

  @Test
  void stopWhileStartingHandsTheTeardownBackToTheStart() throws Exception {
    FakeHost host = host(FakeHost.builder("host-e")).startDelay(Duration.ofMillis(500));
    var pending =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> client.start("host-e", startRequest("uid-4")));
    awaitTrue(() -> host.state("uid-4").isPresent());
    assertThat(client.status("host-e", "uid-4").getWorkloadStatus().getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_STARTING);

    assertThat(client.stop("host-e", "uid-4").getWorkloadStatus().getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_STOPPING);

    var start = pending.get().getWorkloadStatus();
    assertThat(start.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_STOPPING);
    assertThat(start.getMessage()).isEqualTo("Workload was stopped while starting");
    assertThat(host.state("uid-4")).isEmpty();
  }

  @Test
  void liveConfigUpdateOverTheRealClient() {
    FakeHost host = host(FakeHost.builder("host-live").liveConfig());
    assertThat(client.heartbeat("host-live").getLabelsMap())
        .containsEntry(Protocol.CONFIG_UPDATE_LABEL, Protocol.CONFIG_UPDATE_VERSION);
    client.start("host-live", startRequest("uid-live"));
    WorkloadStartRequest update =
        startRequest("uid-live").toBuilder()
            .setWorkload(
                startRequest("uid-live").getWorkload().toBuilder()
                    .setWitWorld(
                        startRequest("uid-live").getWorkload().getWitWorld().toBuilder()
                            .setHostInterfaces(
                                0,
                                wit("wasi:config/store@0.2.0-rc.1").toBuilder()
                                    .putConfig("KEY", "new"))))
            .build();

    var applied = client.config("host-live", update).getWorkloadStatus();
    assertThat(applied.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    assertThat(applied.getMessage()).isEqualTo("Workload config updated");
    assertThat(host.current("uid-live").get().getWorkload().getWitWorld().getHostInterfaces(0))
        .satisfies(hi -> assertThat(hi.getConfigMap()).containsExactly(Map.entry("KEY", "new")));

    var unknown = client.config("host-live", update.toBuilder().setWorkloadId("nope").build());
    assertThat(unknown.getWorkloadStatus().getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_NOT_FOUND);

    host.failConfigUpdates("no wasi:config import");
    var refused = client.config("host-live", update).getWorkloadStatus();
    assertThat(refused.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_ERROR);
    assertThat(refused.getMessage()).isEqualTo("no wasi:config import");
    assertThat(host.configRequests()).hasSize(3);
    assertThat(host.startRequests()).hasSize(1);
  }

  @Test
  void aHostWithoutTheLiveConfigLabelNeverAnswersWorkloadConfig() {
    FakeHost host = host(FakeHost.builder("host-stock"));
    assertThat(client.heartbeat("host-stock").getLabelsMap())
        .doesNotContainKey(Protocol.CONFIG_UPDATE_LABEL);
    client.start("host-stock", startRequest("uid-stock"));
    HostClient impatient = new HostClient(operator, HostTimeouts.all(Duration.ofMillis(300)));

    assertThatThrownBy(() -> impatient.config("host-stock", startRequest("uid-stock")))
        .isInstanceOf(HostUnreachableException.class)
        .hasMessage(
            "host host-stock unreachable on runtime.host.host-stock.workload.config: "
                + "no reply within PT0.3S");
    assertThat(host.configRequests()).hasSize(1);
  }

  @Test
  void statusCarriesTheMessageTheHostReported() {
    FakeHost host = host(FakeHost.builder("host-msg"));
    client.start("host-msg", startRequest("uid-msg"));

    host.report("uid-msg", WorkloadState.WORKLOAD_STATE_STARTING, "service restarting (2/5)");

    var status = client.status("host-msg", "uid-msg").getWorkloadStatus();
    assertThat(status.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_STARTING);
    assertThat(status.getMessage()).isEqualTo("service restarting (2/5)");
  }

  @Test
  void slowStartTimesOutNamingHostSubjectAndTimeout() {
    host(FakeHost.builder("host-f")).startDelay(Duration.ofSeconds(3));
    HostClient impatient = new HostClient(operator, HostTimeouts.all(Duration.ofMillis(300)));

    assertThatThrownBy(() -> impatient.start("host-f", startRequest("uid-5")))
        .isInstanceOfSatisfying(
            HostUnreachableException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(HostUnreachableException.Reason.TIMEOUT);
              assertThat(e.hostId()).isEqualTo("host-f");
              assertThat(e.subject()).isEqualTo("runtime.host.host-f.workload.start");
              assertThat(e.getMessage())
                  .contains("host-f", "runtime.host.host-f.workload.start", "PT0.3S");
            });
  }

  @Test
  void absentHostIsUnreachableWithNoResponders() {
    assertThatThrownBy(() -> client.heartbeat("nobody"))
        .isInstanceOfSatisfying(
            HostUnreachableException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(HostUnreachableException.Reason.NO_RESPONDERS);
              assertThat(e.getMessage()).contains("nobody", "runtime.host.nobody.heartbeat");
            });
  }

  @Test
  void unknownCommandAndUndecodablePayloadGetNoReply() throws Exception {
    FakeHost host = host(FakeHost.builder("host-g"));
    byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);

    var unknown = operator.request("runtime.host.host-g.workload.update", new byte[0], BEAT);
    var undecodable = operator.request("runtime.host.host-g.workload.start", garbage, BEAT);
    var noId = operator.request("runtime.host.host-g.workload.start", "{}".getBytes(), BEAT);

    assertThat(unknown).isNull();
    assertThat(undecodable).isNull();
    assertThat(noId).isNull();
    assertThat(host.requests()).hasSize(3);
    assertThat(host.requests().get(0).command()).isEmpty();
    assertThat(host.workloads()).isEmpty();
  }

  @Test
  void clientValidatesBeforeSending() {
    assertThatThrownBy(() -> client.status("host-a", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workload id is required");
    assertThatThrownBy(() -> client.heartbeat("bad.id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid host id");
    assertThatThrownBy(
            () ->
                client.start(
                    "host-a", WorkloadStartRequest.newBuilder().setWorkloadId("uid").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a workload");
  }

  @Test
  void badReplyIsAClearError() throws Exception {
    var rogue =
        hostSide.createDispatcher(m -> hostSide.publish(m.getReplyTo(), "<html>".getBytes()));
    rogue.subscribe("runtime.host.rogue.>");
    hostSide.flush(Duration.ofSeconds(1));
    try {
      assertThatThrownBy(() -> client.heartbeat("rogue"))
          .isInstanceOfSatisfying(
              HostReplyException.class,
              e -> {
                assertThat(e.getMessage())
                    .contains("rogue", "runtime.host.rogue.heartbeat", "HostHeartbeat");
              });
      assertThatThrownBy(() -> client.status("rogue", "uid"))
          .isInstanceOf(HostReplyException.class);
    } finally {
      hostSide.closeDispatcher(rogue);
    }
  }

  @Test
  void listenerReceivesPeriodicHeartbeatsWithTheSubjectsHostId() throws Exception {
    Map<String, List<HostHeartbeat>> seen = new ConcurrentHashMap<>();
    HeartbeatListener listener =
        new HeartbeatListener(
                operator,
                (id, hb) -> seen.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(hb))
            .start();
    closeables.add(listener);
    operator.flush(Duration.ofSeconds(1));
    host(FakeHost.builder("host-h").label("zone", "us"));
    host(FakeHost.builder("host-i"));

    Thread.sleep(1100); // about 6 beats at 200 ms

    assertThat(seen.keySet()).contains("host-h", "host-i");
    assertThat(seen.get("host-h")).hasSizeBetween(4, 8);
    assertThat(seen.get("host-h").get(0).getLabelsMap()).containsEntry("zone", "us");
    assertThat(listener.rejected()).isZero();
  }

  @Test
  void stoppedHeartbeatsStopArriving() throws Exception {
    Map<String, Integer> count = new ConcurrentHashMap<>();
    closeables.add(
        new HeartbeatListener(operator, (id, hb) -> count.merge(id, 1, Integer::sum)).start());
    FakeHost host = host(FakeHost.builder("host-j"));
    awaitTrue(() -> count.getOrDefault("host-j", 0) >= 2);

    host.heartbeating(false);
    Thread.sleep(300); // let an in-flight beat land
    int frozen = count.get("host-j");
    Thread.sleep(600);

    assertThat(count.get("host-j")).isEqualTo(frozen);
    assertThat(client.heartbeat("host-j").getId()).isEqualTo("host-j"); // still answers
  }

  @Test
  void malformedHeartbeatsAreCountedAndIgnored() throws Exception {
    List<String> ids = new CopyOnWriteArrayList<>();
    HeartbeatListener listener =
        new HeartbeatListener(
                operator,
                (id, hb) -> {
                  ids.add(id);
                  if (id.equals("explodes")) {
                    throw new IllegalStateException("handler bug");
                  }
                })
            .start();
    closeables.add(listener);
    operator.flush(Duration.ofSeconds(1));

    hostSide.publish(Subjects.heartbeat("broken"), "not json at all".getBytes());
    hostSide.publish(Subjects.heartbeat("wrong-type"), "{\"systemCpuUsage\":\"lots\"}".getBytes());
    hostSide.publish(Subjects.heartbeat("explodes"), "{}".getBytes());
    hostSide.publish(Subjects.heartbeat("fine"), "{\"friendlyName\":\"fine\"}".getBytes());
    hostSide.flush(Duration.ofSeconds(1));

    awaitTrue(() -> ids.contains("fine"));
    assertThat(listener.rejected()).isEqualTo(2);
    assertThat(listener.handlerFailures()).isEqualTo(1);
    assertThat(listener.received()).isEqualTo(2);
    assertThat(ids).containsExactly("explodes", "fine");
  }

  @Test
  @Timeout(90)
  void busHealthFollowsTheServerGoingAwayAndComingBack() throws Exception {
    // its own server, so killing it does not disturb the other tests
    try (NatsServerProcess own = NatsServerProcess.start()) {
      BusHealth health = new BusHealth();
      try (Connection conn = NatsConnectionFactory.connect(NatsSettings.of(own.url()), health);
          Connection hostConn = Nats.connect(own.url())) {
        awaitTrue(health::connected);
        var firstSince = health.connectedSince().orElseThrow();
        assertThat(health.stableFor(Duration.ZERO)).isTrue();
        assertThat(health.stableFor(Duration.ofMinutes(1))).isFalse();

        List<String> beats = new CopyOnWriteArrayList<>();
        closeables.add(new HeartbeatListener(conn, (id, hb) -> beats.add(id)).start());
        conn.flush(Duration.ofSeconds(1));
        FakeHost host = FakeHost.builder("host-k").heartbeatInterval(BEAT).start(hostConn);
        closeables.add(host);
        awaitTrue(() -> !beats.isEmpty());

        own.kill();
        awaitTrue(() -> !health.connected());
        assertThat(health.connectedSince()).isEmpty();
        assertThat(health.disconnects()).isEqualTo(1);
        assertThat(health.stableFor(Duration.ZERO)).isFalse();

        own.restart();
        awaitTrue(health::connected);
        assertThat(health.connectedSince().orElseThrow()).isAfter(firstSince);

        // the subscription came back with the connection
        beats.clear();
        awaitTrue(() -> beats.contains("host-k"));
        assertThat(new HostClient(conn).heartbeat("host-k").getId()).isEqualTo("host-k");
      }
    }
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(20);
    }
  }
}
