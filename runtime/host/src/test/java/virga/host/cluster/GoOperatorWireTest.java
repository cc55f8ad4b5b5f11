package virga.host.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.host.artifact.ArtifactException;
import virga.host.artifact.ArtifactRequest;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.plugin.PluginRegistry;
import virga.host.workload.WorkloadHost;
import virga.protocol.HostCommand;
import virga.protocol.ProtoJson;
import virga.protocol.ProtocolException;
import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.ImagePullPolicy;
import virga.protocol.v2.ImagePullSecret;
import virga.protocol.v2.WorkloadStartResponse;
import virga.protocol.v2.WorkloadStatusResponse;
import virga.protocol.v2.WorkloadStopResponse;

/**
 * The cluster host's side of wire compatibility with wasmCloud's Go operator: requests shaped
 * exactly as {@code protojson.Marshal} writes them (by hand, not by our encoder) go through the
 * host's own command path ({@link CommandHandler#handle}, as {@code ClusterHost} calls it), and the
 * replies, encoded as {@code ClusterHost} publishes them ({@link ProtoJson#encodeBytes}), are read
 * back by a strict proto3 JSON parser and checked key by key as Go's decoder would read them.
 */
class GoOperatorWireTest {
  static final Path HELLO =
      Path.of("../../guests/wasm/wasi-http-hello.wasm").toAbsolutePath().normalize();
  static final String ID = "0b5e3c1a-9f2d-4c7e-8a61-2d4f7b9e0c13";

  @TempDir Path temp;

  final List<ArtifactRequest> pulls = new CopyOnWriteArrayList<>();
  PluginRegistry plugins;
  WorkloadHost host;
  CommandHandler handler;

  @BeforeEach
  void setUp() {
    LocalArtifactResolver local = new LocalArtifactResolver(Path.of(""));
    plugins = PluginRegistry.discover(null);
    WorkloadCounts counts = new WorkloadCounts();
    host =
        WorkloadHost.builder()
            .hostId("HOSTWIRE")
            .plugins(plugins)
            .tempRoot(temp)
            .artifacts(
                r -> {
                  pulls.add(r);
                  if (r.image().startsWith("ghcr.io/")) {
                    throw new ArtifactException("no registry in this test: " + r.image());
                  }
                  return local.resolve(r);
                })
            .listener(counts)
            .build();
    HeartbeatFactory heartbeats =
        new HeartbeatFactory(
            new HostIdentity("HOSTWIRE", "10.0.0.7", "wire-host"),
            "1.2.3",
            Map.of("hostgroup", "default", "virga.dev/config-update", "v1"),
            "shop",
            Instant.parse("2026-12-07T05:00:00.250Z"),
            AdvertisedWorld.of(plugins.plugins()),
            counts,
            host,
            () -> 8080);
    handler = new CommandHandler(host, new StartSlots(2), heartbeats::build);
  }

  @AfterEach
  void tearDown() {
    host.close();
  }

  /** The reply bytes exactly as ClusterHost publishes them. */
  String reply(HostCommand command, String goJson) {
    Message m = handler.handle(command, goJson.getBytes(StandardCharsets.UTF_8));
    return new String(ProtoJson.encodeBytes(m), StandardCharsets.UTF_8);
  }

  static <T extends Message> T readAsGo(String json, Message.Builder builder) {
    assertThat(GoJsonCheck.problems(json, builder.getDescriptorForType()))
        .as("what Go's protojson.Unmarshal would refuse in %s", json)
        .isEmpty();
    return GoJsonCheck.strict(json, builder);
  }

  static String helloStart() {
    // hand-written as protojson.Marshal writes it; the image is a local path (development mode)
    return """
    {"workload":{"namespace":"shop","name":"hello-7c9d8-x2x4z",\
    "annotations":{"team":"web"},\
    "witWorld":{"components":[{"image":"%s",\
    "localResources":{"config":{"mode":"prod"},"environment":{"LOG_LEVEL":"info"},\
    "allowedHosts":["api.acme.example"]},\
    "poolSize":2,"maxInvocations":100,\
    "imagePullSecret":{"username":"robot$web","password":"web-pass"},\
    "name":"hello","imagePullPolicy":"IMAGE_PULL_POLICY_IF_NOT_PRESENT","maxConcurrency":4}],\
    "hostInterfaces":[{"namespace":"wasi","package":"http","interfaces":["incoming-handler"],\
    "config":{"host":"hello.acme.example","host-aliases":"hello.shop,hello.shop.svc"}}]}},\
    "workloadId":"%s"}\
    """
        .formatted(HELLO, ID);
  }

  @Test
  void aGoStartRunsAndEveryReplyReadsAsGoReadsIt() {
    String started = reply(HostCommand.WORKLOAD_START, helloStart());
    assertThat(started)
        .isEqualTo(
            "{\"workloadStatus\":{\"workloadId\":\""
                + ID
                + "\",\"workloadState\":\"WORKLOAD_STATE_RUNNING\","
                + "\"message\":\"Workload started successfully\"}}");
    WorkloadStartResponse start = readAsGo(started, WorkloadStartResponse.newBuilder());
    assertThat(start.getWorkloadStatus().getWorkloadId()).isEqualTo(ID);

    // what the request carried reached the host
    assertThat(pulls)
        .containsExactly(
            new ArtifactRequest(
                HELLO.toString(),
                ImagePullPolicy.IMAGE_PULL_POLICY_IF_NOT_PRESENT,
                ImagePullSecret.newBuilder()
                    .setUsername("robot$web")
                    .setPassword("web-pass")
                    .build()));
    var running = host.running(ID).orElseThrow();
    assertThat(running.name()).isEqualTo("hello-7c9d8-x2x4z");
    assertThat(running.namespace()).isEqualTo("shop");
    assertThat(running.annotations()).isEqualTo(Map.of("team", "web"));
    assertThat(running.httpConfig())
        .isEqualTo(
            Map.of("host", "hello.acme.example", "host-aliases", "hello.shop,hello.shop.svc"));

    String status = reply(HostCommand.WORKLOAD_STATUS, "{\"workloadId\":\"" + ID + "\"}");
    assertThat(status)
        .isEqualTo(
            "{\"workloadStatus\":{\"workloadId\":\""
                + ID
                + "\",\"workloadState\":\"WORKLOAD_STATE_RUNNING\","
                + "\"message\":\"Workload is Running\"}}");
    readAsGo(status, WorkloadStatusResponse.newBuilder());

    HostHeartbeat hb = readAsGo(reply(HostCommand.HEARTBEAT, "{}"), HostHeartbeat.newBuilder());
    assertThat(hb.getComponentCount()).isEqualTo(1L);
    assertThat(hb.getWorkloadCount()).isEqualTo(1L);

    String stopped = reply(HostCommand.WORKLOAD_STOP, "{\"workloadId\":\"" + ID + "\"}");
    assertThat(stopped)
        .isEqualTo(
            "{\"workloadStatus\":{\"workloadId\":\""
                + ID
                + "\",\"workloadState\":\"WORKLOAD_STATE_STOPPING\","
                + "\"message\":\"Workload stopped successfully\"}}");
    readAsGo(stopped, WorkloadStopResponse.newBuilder());

    String gone = reply(HostCommand.WORKLOAD_STATUS, "{\"workloadId\":\"" + ID + "\"}");
    assertThat(gone)
        .isEqualTo(
            "{\"workloadStatus\":{\"workloadId\":\""
                + ID
                + "\",\"workloadState\":\"WORKLOAD_STATE_NOT_FOUND\","
                + "\"message\":\"Workload not found: "
                + ID
                + "\"}}");
    readAsGo(gone, WorkloadStatusResponse.newBuilder());
  }

  @Test
  void aGoStartWithEveryFieldFailsAsARecordedErrorInGoReadableJson() throws Exception {
    Path data = Files.createDirectory(temp.resolve("acme-data"));
    String start =
        """
        {
          "workload": {
            "namespace": "shop",
            "name": "frontend-7c9d8-x2x4z",
            "annotations": {"team": "web"},
            "service": {
              "image": "ghcr.io/acme/cron-service:1.2.0",
              "localResources": {"environment": {"SCHEDULE": "*/5 * * * *"}},
              "maxRestarts": "3",
              "imagePullSecret": {"username": "robot$svc", "password": "svc-pass"},
              "imagePullPolicy": "IMAGE_PULL_POLICY_NEVER"
            },
            "witWorld": {
              "components": [
                {
                  "image": "ghcr.io/acme/frontend:2.0.1",
                  "localResources": {
                    "config": {"mode": "prod"},
                    "environment": {"API_KEY": "k-123"},
                    "volumeMounts": [
                      {"name": "data", "mountPath": "/data", "readOnly": true},
                      {"name": "scratch", "mountPath": "/scratch"}
                    ],
                    "allowedHosts": ["*.acme.example"],
                    "allowedIpNameLookups": ["db.acme.example"],
                    "allowedHostLoopbackPorts": ["5432"]
                  },
                  "poolSize": 4,
                  "maxInvocations": 1000,
                  "imagePullSecret": {"username": "robot$web", "password": "web-pass"},
                  "name": "frontend",
                  "imagePullPolicy": "IMAGE_PULL_POLICY_ALWAYS",
                  "maxConcurrency": 8
                }
              ],
              "hostInterfaces": [
                {
                  "namespace": "wasi",
                  "package": "http",
                  "interfaces": ["incoming-handler"],
                  "config": {"host": "frontend.acme.example"}
                },
                {
                  "namespace": "wasi",
                  "package": "keyvalue",
                  "interfaces": ["store"],
                  "config": {"bucket": "sessions"},
                  "name": "sessions"
                }
              ]
            },
            "volumes": [
              {"name": "data", "hostPath": {"localPath": "%s"}},
              {"name": "scratch", "emptyDir": {}}
            ]
          },
          "workloadId": "%s"
        }
        """
            .formatted(data, ID);
    String expectedMessage =
        "failed to pull image for component 'frontend': no registry in this test:"
            + " ghcr.io/acme/frontend:2.0.1";

    String failed = reply(HostCommand.WORKLOAD_START, start);
    WorkloadStartResponse r = readAsGo(failed, WorkloadStartResponse.newBuilder());
    assertThat(r.getWorkloadStatus().getWorkloadState().name()).isEqualTo("WORKLOAD_STATE_ERROR");
    assertThat(r.getWorkloadStatus().getMessage()).isEqualTo(expectedMessage);
    assertThat(pulls)
        .containsExactly(
            new ArtifactRequest(
                "ghcr.io/acme/frontend:2.0.1",
                ImagePullPolicy.IMAGE_PULL_POLICY_ALWAYS,
                ImagePullSecret.newBuilder()
                    .setUsername("robot$web")
                    .setPassword("web-pass")
                    .build()));

    // recorded: a later status says ERROR with the reason (wasmCloud says NOT_FOUND, #5280)
    String status = reply(HostCommand.WORKLOAD_STATUS, "{\"workloadId\":\"" + ID + "\"}");
    WorkloadStatusResponse s = readAsGo(status, WorkloadStatusResponse.newBuilder());
    assertThat(s.getWorkloadStatus().getWorkloadState().name()).isEqualTo("WORKLOAD_STATE_ERROR");
    assertThat(s.getWorkloadStatus().getMessage()).isEqualTo(expectedMessage);

    String stopped = reply(HostCommand.WORKLOAD_STOP, "{\"workloadId\":\"" + ID + "\"}");
    WorkloadStopResponse stop = readAsGo(stopped, WorkloadStopResponse.newBuilder());
    assertThat(stop.getWorkloadStatus())
        .extracting(x -> x.getWorkloadState().name(), x -> x.getMessage())
        .containsExactly("WORKLOAD_STATE_STOPPING", "Workload stopped successfully");
    assertThat(Files.isDirectory(data)).as("a hostPath volume is the user's: kept").isTrue();
  }

  @Test
  void theHeartbeatReplyToGosEmptyProbeReadsAsGoReadsIt() {
    String json = reply(HostCommand.HEARTBEAT, "{}");
    HostHeartbeat hb = readAsGo(json, HostHeartbeat.newBuilder());
    assertThat(hb.getId()).isEqualTo("HOSTWIRE");
    assertThat(hb.getHostname()).isEqualTo("10.0.0.7");
    assertThat(hb.getFriendlyName()).isEqualTo("wire-host");
    assertThat(hb.getVersion()).isEqualTo("1.2.3");
    assertThat(hb.getLabelsMap())
        .isEqualTo(Map.of("hostgroup", "default", "virga.dev/config-update", "v1"));
    assertThat(hb.getEnvironment()).isEqualTo("shop");
    assertThat(hb.getHttpPort()).isEqualTo(8080);
    assertThat(hb.getWorkloadCount()).isZero();
    assertThat(hb.getSystemMemoryTotal()).isPositive();
    assertThat(hb.getExportsList())
        .anySatisfy(
            w -> {
              assertThat(w.getNamespace()).isEqualTo("wasi");
              assertThat(w.getPackage()).isEqualTo("http");
              assertThat(w.getInterfacesList()).contains("incoming-handler");
            });
    // the exact JSON shapes Go relies on
    var o = com.google.gson.JsonParser.parseString(json).getAsJsonObject();
    assertThat(o.get("startedAt").getAsString()).isEqualTo("2026-12-07T05:00:00.250Z");
    assertThat(o.getAsJsonPrimitive("systemMemoryTotal").isString()).isTrue();
    assertThat(o.getAsJsonPrimitive("httpPort").isNumber()).isTrue();
    assertThat(o.has("workloadCount")).as("a zero uint64 is left out").isFalse();
    assertThat(o.getAsJsonObject("labels").get("hostgroup").getAsString()).isEqualTo("default");
  }

  @Test
  void anUndecodableRequestGetsNoReplyAsInWasmCloud() {
    assertThatThrownBy(() -> reply(HostCommand.WORKLOAD_STATUS, "{\"workloadId\":"))
        .isInstanceOf(ProtocolException.class);
  }

  @Test
  void theCheckCatchesWhatGoWouldRefuse() {
    var d = WorkloadStatusResponse.getDescriptor();
    assertThat(GoJsonCheck.problems("{\"workloadStatus\":{\"workloadId\":\"w\",\"extra\":1}}", d))
        .containsExactly(
            "$.workloadStatus.extra: unknown field of wasmcloud.runtime.v2.WorkloadStatus"
                + " (Go's decoder rejects it)");
    assertThat(GoJsonCheck.problems("{\"workloadStatus\":{\"workload_id\":\"w\"}}", d))
        .containsExactly(
            "$.workloadStatus.workload_id: proto name, not the lowerCamelCase JSON name");
    assertThat(GoJsonCheck.problems("{\"workloadStatus\":{\"workloadState\":2}}", d))
        .hasSize(1)
        .first()
        .asString()
        .startsWith("$.workloadStatus.workloadState: an enum must be one of its names");
    assertThat(
            GoJsonCheck.problems(
                "{\"componentCount\":3,\"httpPort\":\"80\",\"startedAt\":\"yesterday\"}",
                HostHeartbeat.getDescriptor()))
        .containsExactly(
            "$.componentCount: a 64-bit integer must be a decimal JSON string, got 3",
            "$.httpPort: a 32-bit integer must be an integral JSON number, got \"80\"",
            "$.startedAt: a Timestamp must be an RFC 3339 string, got \"yesterday\"");
    assertThat(
            GoJsonCheck.problems(
                "{\"name\":\"v\",\"hostPath\":{\"localPath\":\"/x\"},\"emptyDir\":{}}",
                virga.protocol.v2.Volume.getDescriptor()))
        .containsExactly("$.emptyDir: a second member of oneof volume_type");
  }
}
