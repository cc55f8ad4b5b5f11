package virga.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import virga.protocol.v2.Component;
import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.ImagePullPolicy;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Service;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.WitWorld;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadStartResponse;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

class ProtoJsonTest {
  private static WorkloadStartRequest sampleStart() {
    return WorkloadStartRequest.newBuilder()
        .setWorkloadId("6f1c2a9e-uid")
        .setWorkload(
            Workload.newBuilder()
                .setNamespace("default")
                .setName("hello-abc12")
                .putAnnotations("a", "b")
                .setService(Service.newBuilder().setImage("svc:1").setMaxRestarts(3))
                .setWitWorld(
                    WitWorld.newBuilder()
                        .addHostInterfaces(
                            WitInterface.newBuilder()
                                .setNamespace("wasi")
                                .setPackage("http")
                                .addInterfaces("incoming-handler")
                                .putConfig("host", "hello.localhost"))
                        .addComponents(
                            Component.newBuilder()
                                .setName("hello")
                                .setImage("ghcr.io/x/hello:0.1.0")
                                .setPoolSize(-1)
                                .setImagePullPolicy(ImagePullPolicy.IMAGE_PULL_POLICY_ALWAYS)
                                .setLocalResources(
                                    LocalResources.newBuilder()
                                        .putEnvironment("LOG_LEVEL", "info")
                                        .addAllowedHosts("*.example.com")))))
        .build();
  }

  @Test
  void encodesWithWasmCloudsFieldNamesEnumNamesAndStringInt64s() {
    JsonObject json = JsonParser.parseString(ProtoJson.encode(sampleStart())).getAsJsonObject();

    assertThat(json.get("workloadId").getAsString()).isEqualTo("6f1c2a9e-uid");
    JsonObject workload = json.getAsJsonObject("workload");
    assertThat(workload.getAsJsonObject("service").getAsJsonPrimitive("maxRestarts").isString())
        .as("uint64 is a JSON string")
        .isTrue();
    assertThat(workload.getAsJsonObject("service").get("maxRestarts").getAsString()).isEqualTo("3");
    JsonObject component =
        workload.getAsJsonObject("witWorld").getAsJsonArray("components").get(0).getAsJsonObject();
    assertThat(component.get("imagePullPolicy").getAsString())
        .isEqualTo("IMAGE_PULL_POLICY_ALWAYS");
    assertThat(component.getAsJsonPrimitive("poolSize").isNumber())
        .as("sint32 is a JSON number")
        .isTrue();
    assertThat(
            component
                .getAsJsonObject("localResources")
                .getAsJsonArray("allowedHosts")
                .get(0)
                .getAsString())
        .isEqualTo("*.example.com");
    assertThat(
            workload
                .getAsJsonObject("witWorld")
                .getAsJsonArray("hostInterfaces")
                .get(0)
                .getAsJsonObject()
                .getAsJsonObject("config")
                .get("host")
                .getAsString())
        .isEqualTo("hello.localhost");
    assertThat(json.toString())
        .doesNotContain("\"workload_id\"", "\"wit_world\"", "\"max_restarts\"", "\"pool_size\"")
        .as("proto3 JSON leaves default values out")
        .doesNotContain("maxInvocations");
  }

  @Test
  void roundTripsEveryField() {
    WorkloadStartRequest start = sampleStart();
    WorkloadStartRequest back =
        ProtoJson.decode(ProtoJson.encode(start), WorkloadStartRequest.newBuilder());
    assertThat(back).isEqualTo(start);
  }

  @Test
  void decodesSnakeCaseNamesAsTheRustHostAccepts() {
    String snake =
        "{\"workload_id\":\"w1\",\"workload\":{\"wit_world\":{\"host_interfaces\":"
            + "[{\"namespace\":\"wasi\",\"package\":\"config\",\"interfaces\":[\"store\"]}]},"
            + "\"service\":{\"max_restarts\":\"2\",\"image_pull_policy\":\"IMAGE_PULL_POLICY_NEVER\"}}}";
    WorkloadStartRequest request = ProtoJson.decode(snake, WorkloadStartRequest.newBuilder());
    assertThat(request.getWorkloadId()).isEqualTo("w1");
    assertThat(request.getWorkload().getWitWorld().getHostInterfaces(0).getPackage())
        .isEqualTo("config");
    assertThat(request.getWorkload().getService().getMaxRestarts()).isEqualTo(2);
    assertThat(request.getWorkload().getService().getImagePullPolicy())
        .isEqualTo(ImagePullPolicy.IMAGE_PULL_POLICY_NEVER);
  }

  @Test
  void decodesAHeartbeatAsAWashHostPublishesIt() {
    // the shape pbjson's to_vec_pretty produces: camelCase, uint64 as strings, RFC 3339 timestamp
    String heartbeat =
        "{\n  \"id\": \"host-1\",\n  \"hostname\": \"10.0.0.7\",\n  \"friendlyName\": \"brave-otter-1\",\n"
            + "  \"version\": \"2.7.0\",\n  \"labels\": {\"hostgroup\": \"default\"},\n"
            + "  \"startedAt\": \"2026-08-01T10:00:00.123Z\",\n  \"osArch\": \"x86_64\",\n"
            + "  \"osName\": \"linux\",\n  \"osKernel\": \"6.1\",\n  \"systemCpuUsage\": 12.5,\n"
            + "  \"systemMemoryTotal\": \"8589934592\",\n  \"systemMemoryFree\": \"4294967296\",\n"
            + "  \"componentCount\": \"3\",\n  \"workloadCount\": \"2\",\n"
            + "  \"imports\": [{\"namespace\": \"wasi\", \"package\": \"config\", \"version\": \"0.2.0-rc.1\","
            + " \"interfaces\": [\"store\"]}],\n  \"httpPort\": 8080,\n  \"environment\": \"default\"\n}";
    HostHeartbeat hb = ProtoJson.decode(heartbeat, HostHeartbeat.newBuilder());
    assertThat(hb.getFriendlyName()).isEqualTo("brave-otter-1");
    assertThat(hb.getLabelsMap()).containsEntry("hostgroup", "default");
    assertThat(hb.getSystemMemoryTotal()).isEqualTo(8_589_934_592L);
    assertThat(hb.getSystemCpuUsage()).isEqualTo(12.5f);
    assertThat(hb.getStartedAt().getNanos()).isEqualTo(123_000_000);
    assertThat(hb.getImports(0).getVersion()).isEqualTo("0.2.0-rc.1");
    assertThat(hb.getHttpPort()).isEqualTo(8080);
  }

  @Test
  void encodesStatesByName() {
    WorkloadStartResponse response =
        WorkloadStartResponse.newBuilder()
            .setWorkloadStatus(
                WorkloadStatus.newBuilder()
                    .setWorkloadId("w")
                    .setWorkloadState(WorkloadState.WORKLOAD_STATE_ERROR)
                    .setMessage("image pull failed"))
            .build();
    JsonObject json = JsonParser.parseString(ProtoJson.encode(response)).getAsJsonObject();
    assertThat(json.getAsJsonObject("workloadStatus").get("workloadState").getAsString())
        .isEqualTo("WORKLOAD_STATE_ERROR");
  }

  @Test
  void ignoresUnknownFieldsFromNewerPeers() {
    WorkloadStatus status =
        ProtoJson.decode(
            "{\"workloadId\":\"w\",\"somethingNew\":{\"x\":1},\"workloadState\":\"WORKLOAD_STATE_RUNNING\"}",
            WorkloadStatus.newBuilder());
    assertThat(status.getWorkloadState()).isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);
  }

  @Test
  void anEmptyPayloadIsTheEmptyMessage() {
    HostHeartbeat hb = ProtoJson.decode(new byte[0], HostHeartbeat.newBuilder());
    assertThat(hb).isEqualTo(HostHeartbeat.getDefaultInstance());
  }

  @Test
  void garbageIsAProtocolExceptionNamingTheMessage() {
    assertThatThrownBy(() -> ProtoJson.decode("{not json", WorkloadStartRequest.newBuilder()))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("wasmcloud.runtime.v2.WorkloadStartRequest");
    assertThatThrownBy(
            () ->
                ProtoJson.decode(
                    "{\"workloadId\": 5, \"workload\": []}", WorkloadStartRequest.newBuilder()))
        .isInstanceOf(ProtocolException.class);
  }
}
