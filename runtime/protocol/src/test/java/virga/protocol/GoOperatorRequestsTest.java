package virga.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import virga.protocol.v2.Component;
import virga.protocol.v2.ImagePullPolicy;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Service;
import virga.protocol.v2.Volume;
import virga.protocol.v2.VolumeMount;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadStatusRequest;
import virga.protocol.v2.WorkloadStopRequest;

/**
 * The requests of wasmCloud's Go operator ({@code host_client.go}: {@code protojson.Marshal} of the
 * {@code .proto} messages), written here BY HAND from the proto3 JSON rules, not by our encoder:
 * lowerCamelCase names in field-number order, enums by name, 64-bit integers as strings, sint32 as
 * numbers, defaults left out, maps as objects, set-but-empty messages as {@code {}}, and {@code {}}
 * ({@code google.protobuf.Empty}) for the heartbeat probe. Each is decoded the way the host decodes
 * it ({@link ProtoJson#decode}) and every field is checked.
 */
class GoOperatorRequestsTest {
  static final String WORKLOAD_ID = "0b5e3c1a-9f2d-4c7e-8a61-2d4f7b9e0c13";

  /**
   * A start as the Go operator sends it for a Workload using every field. The operator sets
   * localResources on every component and the service (empty when the manifest has none), so the
   * second component carries {@code "localResources":{}}. memoryLimitMb/cpuLimit are on the wire
   * though the CRD never sets them; a Go client may.
   */
  static final String START =
      """
      {
        "workload": {
          "namespace": "shop",
          "name": "frontend-7c9d8-x2x4z",
          "annotations": {
            "runtime.wasmcloud.dev/workload-replica-set-generation": "5f6c7d8b9",
            "team": "web"
          },
          "service": {
            "image": "ghcr.io/acme/cron-service:1.2.0",
            "localResources": {
              "environment": {"SCHEDULE": "*/5 * * * *"},
              "allowedHosts": ["api.acme.example"]
            },
            "maxRestarts": "3",
            "imagePullSecret": {"username": "robot$svc", "password": "svc-pass"},
            "imagePullPolicy": "IMAGE_PULL_POLICY_NEVER"
          },
          "witWorld": {
            "components": [
              {
                "image": "ghcr.io/acme/frontend:2.0.1",
                "localResources": {
                  "memoryLimitMb": 256,
                  "cpuLimit": 2,
                  "config": {"mode": "prod"},
                  "environment": {"API_KEY": "k-123", "LOG_LEVEL": "info"},
                  "volumeMounts": [
                    {"name": "data", "mountPath": "/data", "readOnly": true},
                    {"name": "scratch", "mountPath": "/scratch"}
                  ],
                  "allowedHosts": ["*.acme.example", "10.0.0.0/8"],
                  "allowedIpNameLookups": ["db.acme.example"],
                  "allowedHostLoopbackPorts": ["5432", "6379"]
                },
                "poolSize": 4,
                "maxInvocations": 1000,
                "imagePullSecret": {"username": "robot$web", "password": "web-pass"},
                "name": "frontend",
                "imagePullPolicy": "IMAGE_PULL_POLICY_ALWAYS",
                "maxConcurrency": 8
              },
              {
                "image": "ghcr.io/acme/auth:1.0.0",
                "localResources": {},
                "poolSize": -1,
                "maxInvocations": -5,
                "name": "auth",
                "imagePullPolicy": "IMAGE_PULL_POLICY_IF_NOT_PRESENT"
              }
            ],
            "hostInterfaces": [
              {
                "namespace": "wasi",
                "package": "http",
                "version": "0.2.2",
                "interfaces": ["incoming-handler"],
                "config": {
                  "host": "frontend.acme.example",
                  "host-aliases": "frontend.shop,frontend.shop.svc"
                }
              },
              {
                "namespace": "wasi",
                "package": "config",
                "version": "0.2.0-rc.1",
                "interfaces": ["store"],
                "config": {"greeting": "hello"}
              },
              {
                "namespace": "wasi",
                "package": "keyvalue",
                "interfaces": ["store", "atomics"],
                "config": {"bucket": "sessions"},
                "name": "sessions"
              }
            ]
          },
          "volumes": [
            {"name": "data", "hostPath": {"localPath": "/var/lib/acme"}},
            {"name": "scratch", "emptyDir": {}}
          ]
        },
        "workloadId": "0b5e3c1a-9f2d-4c7e-8a61-2d4f7b9e0c13"
      }
      """;

  static final String STATUS = "{\"workloadId\":\"" + WORKLOAD_ID + "\"}";
  static final String STOP = "{\"workloadId\": \"" + WORKLOAD_ID + "\"}";
  static final String HEARTBEAT_PROBE = "{}";

  /**
   * Go's decoder and ours would both skip a misspelt key in lenient mode; the strict parser proves
   * the hand-written JSON itself is valid proto3 JSON for the message.
   */
  static void assertStrictlyValid(String json, Message.Builder builder) {
    try {
      JsonFormat.parser().merge(json, builder);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the hand-written JSON is not valid proto3 JSON: " + e, e);
    }
  }

  @Test
  void theStartRequestDecodesWithEveryField() {
    assertStrictlyValid(START, WorkloadStartRequest.newBuilder());
    WorkloadStartRequest r =
        ProtoJson.decode(START.getBytes(StandardCharsets.UTF_8), WorkloadStartRequest.newBuilder());

    assertThat(r.getWorkloadId()).isEqualTo(WORKLOAD_ID);
    Workload w = r.getWorkload();
    assertThat(w.getNamespace()).isEqualTo("shop");
    assertThat(w.getName()).isEqualTo("frontend-7c9d8-x2x4z");
    assertThat(w.getAnnotationsMap())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of(
                "runtime.wasmcloud.dev/workload-replica-set-generation", "5f6c7d8b9",
                "team", "web"));

    Service s = w.getService();
    assertThat(s.getImage()).isEqualTo("ghcr.io/acme/cron-service:1.2.0");
    assertThat(s.getMaxRestarts()).isEqualTo(3L);
    assertThat(s.getImagePullSecret().getUsername()).isEqualTo("robot$svc");
    assertThat(s.getImagePullSecret().getPassword()).isEqualTo("svc-pass");
    assertThat(s.getImagePullPolicy()).isEqualTo(ImagePullPolicy.IMAGE_PULL_POLICY_NEVER);
    assertThat(s.getLocalResources().getEnvironmentMap())
        .containsExactly(java.util.Map.entry("SCHEDULE", "*/5 * * * *"));
    assertThat(s.getLocalResources().getAllowedHostsList()).containsExactly("api.acme.example");

    assertThat(w.getWitWorld().getComponentsCount()).isEqualTo(2);
    Component web = w.getWitWorld().getComponents(0);
    assertThat(web.getName()).isEqualTo("frontend");
    assertThat(web.getImage()).isEqualTo("ghcr.io/acme/frontend:2.0.1");
    assertThat(web.getPoolSize()).isEqualTo(4);
    assertThat(web.getMaxInvocations()).isEqualTo(1000);
    assertThat(web.getMaxConcurrency()).isEqualTo(8);
    assertThat(web.getImagePullPolicy()).isEqualTo(ImagePullPolicy.IMAGE_PULL_POLICY_ALWAYS);
    assertThat(web.getImagePullSecret().getUsername()).isEqualTo("robot$web");
    assertThat(web.getImagePullSecret().getPassword()).isEqualTo("web-pass");
    LocalResources lr = web.getLocalResources();
    assertThat(lr.getMemoryLimitMb()).isEqualTo(256);
    assertThat(lr.getCpuLimit()).isEqualTo(2);
    assertThat(lr.getConfigMap()).containsExactly(java.util.Map.entry("mode", "prod"));
    assertThat(lr.getEnvironmentMap())
        .containsExactlyInAnyOrderEntriesOf(
            java.util.Map.of("API_KEY", "k-123", "LOG_LEVEL", "info"));
    assertThat(lr.getVolumeMountsList())
        .containsExactly(
            VolumeMount.newBuilder()
                .setName("data")
                .setMountPath("/data")
                .setReadOnly(true)
                .build(),
            VolumeMount.newBuilder().setName("scratch").setMountPath("/scratch").build());
    assertThat(lr.getAllowedHostsList()).containsExactly("*.acme.example", "10.0.0.0/8");
    assertThat(lr.getAllowedIpNameLookupsList()).containsExactly("db.acme.example");
    assertThat(lr.getAllowedHostLoopbackPortsList()).containsExactly("5432", "6379");

    Component auth = w.getWitWorld().getComponents(1);
    assertThat(auth.getName()).isEqualTo("auth");
    assertThat(auth.getImage()).isEqualTo("ghcr.io/acme/auth:1.0.0");
    assertThat(auth.getPoolSize()).as("sint32 -1: unset pool").isEqualTo(-1);
    assertThat(auth.getMaxInvocations()).isEqualTo(-5);
    assertThat(auth.getMaxConcurrency()).isZero();
    assertThat(auth.getImagePullPolicy())
        .isEqualTo(ImagePullPolicy.IMAGE_PULL_POLICY_IF_NOT_PRESENT);
    assertThat(auth.hasImagePullSecret()).isFalse();
    assertThat(auth.hasLocalResources()).as("{} is a set, empty message").isTrue();
    assertThat(auth.getLocalResources()).isEqualTo(LocalResources.getDefaultInstance());

    assertThat(w.getWitWorld().getHostInterfacesList())
        .containsExactly(
            WitInterface.newBuilder()
                .setNamespace("wasi")
                .setPackage("http")
                .setVersion("0.2.2")
                .addInterfaces("incoming-handler")
                .putConfig("host", "frontend.acme.example")
                .putConfig("host-aliases", "frontend.shop,frontend.shop.svc")
                .build(),
            WitInterface.newBuilder()
                .setNamespace("wasi")
                .setPackage("config")
                .setVersion("0.2.0-rc.1")
                .addInterfaces("store")
                .putConfig("greeting", "hello")
                .build(),
            WitInterface.newBuilder()
                .setNamespace("wasi")
                .setPackage("keyvalue")
                .addInterfaces("store")
                .addInterfaces("atomics")
                .putConfig("bucket", "sessions")
                .setName("sessions")
                .build());

    assertThat(w.getVolumesCount()).isEqualTo(2);
    Volume data = w.getVolumes(0);
    assertThat(data.getName()).isEqualTo("data");
    assertThat(data.getVolumeTypeCase()).isEqualTo(Volume.VolumeTypeCase.HOST_PATH);
    assertThat(data.getHostPath().getLocalPath()).isEqualTo("/var/lib/acme");
    Volume scratch = w.getVolumes(1);
    assertThat(scratch.getName()).isEqualTo("scratch");
    assertThat(scratch.getVolumeTypeCase()).isEqualTo(Volume.VolumeTypeCase.EMPTY_DIR);
  }

  @Test
  void ourEncoderWritesTheSameJsonAsGo() {
    // the other direction of the same contract: what our operator sends is what Go's sends
    WorkloadStartRequest r = ProtoJson.decode(START, WorkloadStartRequest.newBuilder());
    assertThat(JsonParser.parseString(ProtoJson.encode(r)))
        .isEqualTo(JsonParser.parseString(START));
    assertThat(
            JsonParser.parseString(
                ProtoJson.encode(WorkloadStatusRequest.newBuilder().setWorkloadId(WORKLOAD_ID))))
        .isEqualTo(JsonParser.parseString(STATUS));
    assertThat(ProtoJson.encode(Empty.getDefaultInstance())).isEqualTo(HEARTBEAT_PROBE);
  }

  @Test
  void theStatusAndStopRequestsDecode() {
    assertStrictlyValid(STATUS, WorkloadStatusRequest.newBuilder());
    assertStrictlyValid(STOP, WorkloadStopRequest.newBuilder());
    WorkloadStatusRequest status =
        ProtoJson.decode(
            STATUS.getBytes(StandardCharsets.UTF_8), WorkloadStatusRequest.newBuilder());
    WorkloadStopRequest stop =
        ProtoJson.decode(STOP.getBytes(StandardCharsets.UTF_8), WorkloadStopRequest.newBuilder());
    assertThat(status.getWorkloadId()).isEqualTo(WORKLOAD_ID);
    assertThat(stop.getWorkloadId()).isEqualTo(WORKLOAD_ID);
  }

  @Test
  void theHeartbeatProbeIsTheEmptyMessage() {
    assertStrictlyValid(HEARTBEAT_PROBE, Empty.newBuilder());
    Empty probe =
        ProtoJson.decode(HEARTBEAT_PROBE.getBytes(StandardCharsets.UTF_8), Empty.newBuilder());
    assertThat(probe).isEqualTo(Empty.getDefaultInstance());
  }

  @Test
  void goMayWriteDefaultsThatItUsuallyOmitsAndTheyStillDecode() {
    // protojson with EmitUnpopulated (or another Go client) writes zero values: same message
    String explicit =
        "{\"workload\":{\"namespace\":\"\",\"name\":\"w\",\"annotations\":{},"
            + "\"service\":null,\"volumes\":[]},\"workloadId\":\"w1\"}";
    WorkloadStartRequest r = ProtoJson.decode(explicit, WorkloadStartRequest.newBuilder());
    assertThat(r.getWorkloadId()).isEqualTo("w1");
    assertThat(r.getWorkload().getName()).isEqualTo("w");
    assertThat(r.getWorkload().hasService()).isFalse();
    assertThat(r.getWorkload().getVolumesList()).isEmpty();
  }
}
