package virga.host.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import io.micrometer.core.instrument.Counter;
import io.nats.client.Subscription;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.nats.NatsEndpoint;
import virga.host.plugin.PluginRegistry;
import virga.host.testing.GatedResolver;
import virga.protocol.HostCommand;
import virga.protocol.Subjects;
import virga.protocol.v2.Component;
import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.WitWorld;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadStartResponse;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;
import virga.protocol.v2.WorkloadStatusRequest;
import virga.protocol.v2.WorkloadStatusResponse;
import virga.protocol.v2.WorkloadStopRequest;
import virga.protocol.v2.WorkloadStopResponse;
import virga.testsupport.NatsServer;
import virga.testsupport.NatsServerExtension;

/** An in-process cluster host on a real nats-server, driven as the operator drives it. */
class ClusterHostIT {
  @RegisterExtension static NatsServerExtension nats = new NatsServerExtension();

  static final Path HELLO =
      Path.of("../../guests/wasm/wasi-http-hello.wasm").toAbsolutePath().normalize();
  static final Path CONFIG_INJECTION =
      Path.of("../../examples/config-injection/config-injection.wasm").toAbsolutePath().normalize();

  final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  ClusterHost host(String id, Consumer<ClusterHost.Builder> more) throws Exception {
    ClusterHost.Builder b =
        ClusterHost.builder()
            .identity(new HostIdentity(id, "10.0.0.7", "friendly-" + id))
            .scheduler(NatsEndpoint.of(nats.url()))
            .hostGroup("blue")
            .environment("team-a")
            .label("zone", "a")
            .httpAddress(new InetSocketAddress("127.0.0.1", 0))
            .plugins(PluginRegistry.discover(null));
    more.accept(b);
    ClusterHost h = b.start();
    closing.add(h);
    return h;
  }

  Bus bus() throws Exception {
    Bus b = new Bus(nats.url());
    closing.add(b);
    return b;
  }

  static WitInterface http(String host) {
    return WitInterface.newBuilder()
        .setNamespace("wasi")
        .setPackage("http")
        .addInterfaces("incoming-handler")
        .putConfig("host", host)
        .build();
  }

  static WorkloadStartRequest hello(String id, String image, String host) {
    return WorkloadStartRequest.newBuilder()
        .setWorkloadId(id)
        .setWorkload(
            Workload.newBuilder()
                .setNamespace("default")
                .setName("hello-" + id)
                .setWitWorld(
                    WitWorld.newBuilder()
                        .addHostInterfaces(http(host))
                        .addComponents(Component.newBuilder().setName("hello").setImage(image))))
        .build();
  }

  static WorkloadStatus start(Bus bus, String hostId, WorkloadStartRequest r) throws Exception {
    WorkloadStartResponse resp =
        bus.request(hostId, HostCommand.WORKLOAD_START, r, WorkloadStartResponse.newBuilder());
    return resp.getWorkloadStatus();
  }

  static WorkloadStatus status(Bus bus, String hostId, String id) throws Exception {
    WorkloadStatusResponse resp =
        bus.request(
            hostId,
            HostCommand.WORKLOAD_STATUS,
            WorkloadStatusRequest.newBuilder().setWorkloadId(id).build(),
            WorkloadStatusResponse.newBuilder());
    return resp.getWorkloadStatus();
  }

  static WorkloadStatus stop(Bus bus, String hostId, String id) throws Exception {
    WorkloadStopResponse resp =
        bus.request(
            hostId,
            HostCommand.WORKLOAD_STOP,
            WorkloadStopRequest.newBuilder().setWorkloadId(id).build(),
            WorkloadStopResponse.newBuilder());
    return resp.getWorkloadStatus();
  }

  static WorkloadStatus status(String id, WorkloadState state, String message) {
    return WorkloadStatus.newBuilder()
        .setWorkloadId(id)
        .setWorkloadState(state)
        .setMessage(message)
        .build();
  }

  static WitInterface world(String ns, String pkg, String version, String... ifaces) {
    return WitInterface.newBuilder()
        .setNamespace(ns)
        .setPackage(pkg)
        .setVersion(version)
        .addAllInterfaces(List.of(ifaces))
        .build();
  }

  @Test
  void theFirstHeartbeatGoesOutAtOnceWithExactFields() throws Exception {
    Bus bus = bus();
    Subscription sub = bus.nats.subscribe(Subjects.heartbeat("hb-host"));
    bus.nats.flush(Duration.ofSeconds(5));
    long t0 = System.nanoTime();
    ClusterHost host = host("hb-host", b -> {}); // 15 s interval: only the first one can come

    io.nats.client.Message m = sub.nextMessage(Duration.ofSeconds(5));
    assertThat(m).as("a heartbeat at once").isNotNull();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    HostHeartbeat hb = Bus.strict(m, HostHeartbeat.newBuilder()); // no field Go would reject
    assertThat(hb.getId()).isEqualTo("hb-host");
    assertThat(hb.getHostname()).isEqualTo("10.0.0.7");
    assertThat(hb.getFriendlyName()).isEqualTo("friendly-hb-host");
    assertThat(hb.getLabelsMap())
        .isEqualTo(Map.of("hostgroup", "blue", "zone", "a", "virga.dev/config-update", "v1"));
    assertThat(hb.getEnvironment()).isEqualTo("team-a");
    assertThat(hb.getHttpPort()).isEqualTo(host.httpAddress().getPort()).isPositive();
    assertThat(hb.getVersion()).isEqualTo(ClusterHost.version());
    assertThat(hb.getOsName()).isEqualTo("linux");
    assertThat(hb.getOsArch()).isEqualTo(SystemFigures.arch());
    assertThat(hb.getOsKernel()).isEqualTo(System.getProperty("os.version"));
    assertThat(hb.getSystemMemoryTotal()).isPositive();
    assertThat(hb.getSystemMemoryFree())
        .isPositive()
        .isLessThanOrEqualTo(hb.getSystemMemoryTotal());
    assertThat(hb.getSystemCpuUsage()).isBetween(0f, 100f);
    assertThat(hb.getStartedAt().getSeconds()).isPositive();
    assertThat(hb.getComponentCount()).isZero();
    assertThat(hb.getWorkloadCount()).isZero();
    assertThat(hb.getImportsList())
        .containsExactly(
            world("virga-test", "discovered", "1.0.0", "probe"),
            world("wasi", "blobstore", "0.2.0-draft", "blobstore", "container", "types"),
            world("wasi", "config", "0.2.0-rc.1", "store"),
            world("wasi", "http", "0.2.12", "outgoing-handler"),
            world("wasi", "keyvalue", "0.2.0-draft", "atomics", "batch", "store"),
            world("wasi", "logging", "0.1.0-draft", "logging"),
            world("wasmcloud", "messaging", "0.2.0", "consumer", "types"),
            world("wasmcloud", "postgres", "0.1.1-draft", "prepared", "query", "types"),
            world("wasmcloud", "secrets", "2.1.0", "reveal", "secret", "store"));
    assertThat(hb.getExportsList())
        .containsExactly(
            world("wasi", "http", "0.2.12", "incoming-handler"),
            world("wasmcloud", "messaging", "0.2.0", "handler"));
    assertThat(sub.nextMessage(Duration.ofMillis(500))).as("the next one 15 s later").isNull();

    // the heartbeat command answers the same, to the operator's {}
    HostHeartbeat probed =
        bus.request(
            "hb-host",
            HostCommand.HEARTBEAT,
            Empty.getDefaultInstance(),
            HostHeartbeat.newBuilder());
    assertThat(probed.toBuilder().clearSystemCpuUsage().clearSystemMemoryFree().build())
        .isEqualTo(hb.toBuilder().clearSystemCpuUsage().clearSystemMemoryFree().build());
  }

  @Test
  void startServeStatusStop() throws Exception {
    Bus bus = bus();
    ClusterHost host = host("life-host", b -> {});
    int port = host.httpAddress().getPort();

    assertThat(start(bus, "life-host", hello("w1", HELLO.toString(), "hello.localhost")))
        .isEqualTo(
            status("w1", WorkloadState.WORKLOAD_STATE_RUNNING, "Workload started successfully"));
    assertThat(Bus.get(port, "hello.localhost:9191", "/"))
        .containsExactly("200", "Hello from Virga!\n");
    assertThat(status(bus, "life-host", "w1"))
        .isEqualTo(status("w1", WorkloadState.WORKLOAD_STATE_RUNNING, "Workload is Running"));
    HostHeartbeat hb = host.heartbeat();
    assertThat(hb.getComponentCount()).isEqualTo(1);
    assertThat(hb.getWorkloadCount()).isEqualTo(1);

    assertThat(stop(bus, "life-host", "w1"))
        .isEqualTo(
            status("w1", WorkloadState.WORKLOAD_STATE_STOPPING, "Workload stopped successfully"));
    assertThat(status(bus, "life-host", "w1"))
        .isEqualTo(status("w1", WorkloadState.WORKLOAD_STATE_NOT_FOUND, "Workload not found: w1"));
    assertThat(Bus.get(port, "hello.localhost", "/")[0]).isEqualTo("404");
    assertThat(host.heartbeat().getWorkloadCount()).isZero();
  }

  @Test
  void aFileUriImageStartsToo() throws Exception {
    Bus bus = bus();
    host("uri-host", b -> {});
    assertThat(
            start(bus, "uri-host", hello("u1", HELLO.toUri().toString(), "uri.localhost"))
                .getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
  }

  @Test
  void aFailedStartIsRecordedWithItsReason() throws Exception {
    Bus bus = bus();
    host("fail-host", b -> {});
    Path missing = HELLO.resolveSibling("no-such-component.wasm");

    WorkloadStatus reply =
        start(bus, "fail-host", hello("bad", missing.toString(), "bad.localhost"));

    assertThat(reply.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_ERROR);
    assertThat(reply.getMessage()).contains(missing.toString());
    assertThat(status(bus, "fail-host", "bad")).isEqualTo(reply); // never NOT_FOUND (#5280)
  }

  @Test
  void aSlowStartDelaysNeitherStatusNorHeartbeatNorStop() throws Exception {
    Bus bus = bus();
    GatedResolver gated =
        new GatedResolver(new LocalArtifactResolver(Path.of("")), Duration.ofSeconds(60));
    host("slow-host", b -> b.artifacts(gated).maxConcurrentStarts(1));
    start(bus, "slow-host", hello("fast", HELLO.toString(), "fast.localhost"));

    CompletableFuture<io.nats.client.Message> slow =
        bus.send(
            "slow-host",
            HostCommand.WORKLOAD_START,
            virga.protocol.ProtoJson.encodeBytes(
                hello("slow", "gated/" + HELLO, "slow.localhost")));
    assertThat(gated.entered.await(10, TimeUnit.SECONDS)).isTrue();
    // the only slot is taken: this one queues
    CompletableFuture<io.nats.client.Message> queued =
        bus.send(
            "slow-host",
            HostCommand.WORKLOAD_START,
            virga.protocol.ProtoJson.encodeBytes(hello("queued", HELLO.toString(), "q.localhost")));

    long t0 = System.nanoTime();
    assertThat(status(bus, "slow-host", "fast").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    assertThat(status(bus, "slow-host", "slow"))
        .isEqualTo(status("slow", WorkloadState.WORKLOAD_STATE_STARTING, "Workload is Starting"));
    bus.request(
        "slow-host", HostCommand.HEARTBEAT, Empty.getDefaultInstance(), HostHeartbeat.newBuilder());
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    assertThat(queuedStatus(bus))
        .isEqualTo(
            status(
                "queued",
                WorkloadState.WORKLOAD_STATE_STARTING,
                "Workload is Starting (waiting for a start slot)"));
    // a stop of a queued start cancels it
    assertThat(stop(bus, "slow-host", "queued"))
        .isEqualTo(
            status(
                "queued", WorkloadState.WORKLOAD_STATE_STOPPING, "Workload stopped successfully"));
    assertThat(stop(bus, "slow-host", "fast").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_STOPPING);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    assertThat(slow.isDone()).isFalse();

    gated.open();
    WorkloadStartResponse slowReply =
        Bus.strict(slow.get(30, TimeUnit.SECONDS), WorkloadStartResponse.newBuilder());
    assertThat(slowReply.getWorkloadStatus().getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    WorkloadStartResponse queuedReply =
        Bus.strict(queued.get(30, TimeUnit.SECONDS), WorkloadStartResponse.newBuilder());
    assertThat(queuedReply.getWorkloadStatus())
        .isEqualTo(
            status(
                "queued",
                WorkloadState.WORKLOAD_STATE_STOPPING,
                "Workload was stopped while starting"));
    assertThat(status(bus, "slow-host", "queued").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_NOT_FOUND);
  }

  static WorkloadStatus queuedStatus(Bus bus) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    WorkloadStatus s = status(bus, "slow-host", "queued");
    while (s.getWorkloadState() == WorkloadState.WORKLOAD_STATE_NOT_FOUND
        && System.nanoTime() < end) {
      Thread.sleep(20);
      s = status(bus, "slow-host", "queued");
    }
    return s;
  }

  @Test
  void aConfigUpdateReachesWasiConfigWithoutARestart() throws Exception {
    Bus bus = bus();
    ClusterHost host = host("cfg-host", b -> {});
    int port = host.httpAddress().getPort();
    WorkloadStartRequest first = configWorkload("eu-west");
    assertThat(start(bus, "cfg-host", first).getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
    assertThat(Bus.get(port, "config.localhost", "/"))
        .containsExactly("200", "LOG_LEVEL=info\nONLY_IN_INTERFACE=x\nREGION=eu-west\n");
    double starts = starts(host);

    WorkloadStatusResponse reply =
        bus.request(
            "cfg-host",
            HostCommand.WORKLOAD_CONFIG,
            configWorkload("us-east"),
            WorkloadStatusResponse.newBuilder());

    assertThat(reply.getWorkloadStatus())
        .isEqualTo(status("cfg", WorkloadState.WORKLOAD_STATE_RUNNING, "Workload is Running"));
    assertThat(Bus.get(port, "config.localhost", "/"))
        .containsExactly("200", "LOG_LEVEL=info\nONLY_IN_INTERFACE=x\nREGION=us-east\n");
    assertThat(starts(host)).isEqualTo(starts).isEqualTo(1.0);

    WorkloadStartRequest unknown = configWorkload("x").toBuilder().setWorkloadId("nope").build();
    assertThat(
            bus.<WorkloadStatusResponse>request(
                    "cfg-host",
                    HostCommand.WORKLOAD_CONFIG,
                    unknown,
                    WorkloadStatusResponse.newBuilder())
                .getWorkloadStatus())
        .isEqualTo(
            status("nope", WorkloadState.WORKLOAD_STATE_NOT_FOUND, "Workload not found: nope"));
  }

  static double starts(ClusterHost host) {
    Counter c = host.meters().find("virga.workload.starts").counter();
    return c == null ? 0 : c.count();
  }

  static WorkloadStartRequest configWorkload(String region) {
    return WorkloadStartRequest.newBuilder()
        .setWorkloadId("cfg")
        .setWorkload(
            Workload.newBuilder()
                .setNamespace("default")
                .setName("config-injection")
                .setWitWorld(
                    WitWorld.newBuilder()
                        .addHostInterfaces(http("config.localhost"))
                        .addHostInterfaces(
                            WitInterface.newBuilder()
                                .setNamespace("wasi")
                                .setPackage("config")
                                .addInterfaces("store")
                                .putConfig("ONLY_IN_INTERFACE", "x")
                                .putConfig("LOG_LEVEL", "warn"))
                        .addComponents(
                            Component.newBuilder()
                                .setName("config-injection")
                                .setImage(CONFIG_INJECTION.toString())
                                .setLocalResources(
                                    LocalResources.newBuilder()
                                        .putConfig("REGION", region)
                                        .putEnvironment("LOG_LEVEL", "info")))))
        .build();
  }

  @Test
  void heartbeatsAndStartsResumeAfterANatsRestart(NatsServer server) throws Exception {
    host("restart-host", b -> b.heartbeatInterval(Duration.ofMillis(300)));
    server.stop();
    Thread.sleep(500);
    server.start();

    Bus bus = bus();
    Subscription sub = bus.nats.subscribe(Subjects.heartbeat("restart-host"));
    io.nats.client.Message m = sub.nextMessage(Duration.ofSeconds(10));
    assertThat(m).as("a heartbeat after the restart").isNotNull();
    assertThat(Bus.<HostHeartbeat>strict(m, HostHeartbeat.newBuilder()).getId())
        .isEqualTo("restart-host");
    WorkloadStatus s =
        Awaiting.until(
            () -> start(bus, "restart-host", hello("after", HELLO.toString(), "a.localhost")),
            Duration.ofSeconds(10));
    assertThat(s.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
  }

  @Test
  void unknownCommandsAndUndecodablePayloadsGetNoReply() throws Exception {
    Bus bus = bus();
    host("quiet-host", b -> {});
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    assertThat(
            bus.unanswered(
                "runtime.host.quiet-host.workload.explode", empty, Duration.ofSeconds(1)))
        .isTrue();
    assertThat(
            bus.unanswered(
                Subjects.hostCommand("quiet-host", HostCommand.WORKLOAD_STATUS),
                "not json".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(1)))
        .isTrue();
    // still answering
    assertThat(status(bus, "quiet-host", "x").getWorkloadState())
        .isEqualTo(WorkloadState.WORKLOAD_STATE_NOT_FOUND);
  }

  @Test
  void closeDrainsEveryWorkload() throws Exception {
    Bus bus = bus();
    ClusterHost host = host("drain-host", b -> b.drainTimeout(Duration.ofSeconds(10)));
    start(bus, "drain-host", hello("d1", HELLO.toString(), "d1.localhost"));
    start(bus, "drain-host", hello("d2", HELLO.toString(), "d2.localhost"));

    host.close();

    assertThat(host.workloads().statuses()).isEmpty();
    assertThat(
            bus.unanswered(
                Subjects.hostCommand("drain-host", HostCommand.WORKLOAD_STATUS),
                "{\"workloadId\":\"d1\"}".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(1)))
        .isTrue();
  }

  /** Retries a call that may fail while a connection comes back. */
  static final class Awaiting {
    interface Call<T> {
      T call() throws Exception;
    }

    static <T> T until(Call<T> call, Duration timeout) throws Exception {
      long end = System.nanoTime() + timeout.toNanos();
      while (true) {
        try {
          return call.call();
        } catch (Exception e) {
          if (System.nanoTime() > end) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
    }
  }
}
