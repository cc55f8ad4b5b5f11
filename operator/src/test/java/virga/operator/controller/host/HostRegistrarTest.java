package virga.operator.controller.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.HostStatus;
import virga.operator.events.KubernetesEventRecorder;
import virga.operator.testing.ManualClock;
import virga.protocol.v2.HostHeartbeat;

@EnableKubernetesMockClient(crud = true, https = false)
class HostRegistrarTest {
  static KubernetesClient client;

  private final ManualClock clock = new ManualClock();
  private final HostRegistrar registrar =
      new HostRegistrar(client, "wasmcloud", clock, new KubernetesEventRecorder(client, clock));

  private static HostHeartbeat.Builder full(String name) {
    return HostHeartbeat.newBuilder()
        .setId("NHOST")
        .setFriendlyName(name)
        .setHostname("10.0.0.7")
        .setVersion("2.1.0")
        .setOsName("linux")
        .setOsArch("x86_64")
        .setOsKernel("6.1")
        .setSystemCpuUsage(37.25f)
        .setSystemMemoryTotal(16L << 30)
        .setSystemMemoryFree(4L << 30)
        .setComponentCount(3)
        .setWorkloadCount(2)
        .setHttpPort(8000)
        .setEnvironment("staging")
        .putLabels("hostgroup", "edge");
  }

  private Host stored(String name) {
    return client.resources(Host.class).inNamespace("wasmcloud").withName(name).get();
  }

  @Test
  void theFirstHeartbeatCreatesTheHostWithEveryField() {
    registrar.register("NHOST", full("Edge_Host.1").build());
    Host host = stored("edge-host.1");
    assertThat(host.getHostId()).isEqualTo("NHOST");
    assertThat(host.getHostname()).isEqualTo("10.0.0.7");
    assertThat(host.getHttpPort()).isEqualTo(8000L);
    assertThat(host.getEnvironment()).isEqualTo("staging");
    assertThat(host.getMetadata().getLabels()).containsEntry("hostgroup", "edge");
    HostStatus s = host.getStatus();
    assertThat(s.getVersion()).isEqualTo("2.1.0");
    assertThat(s.getOsName()).isEqualTo("linux");
    assertThat(s.getOsArch()).isEqualTo("x86_64");
    assertThat(s.getOsKernel()).isEqualTo("6.1");
    assertThat(s.getSystemCPUUsage()).isEqualTo("37.25");
    assertThat(s.getSystemMemoryTotal()).isEqualTo(16L << 30);
    assertThat(s.getSystemMemoryFree()).isEqualTo(4L << 30);
    assertThat(s.getComponentCount()).isEqualTo(3);
    assertThat(s.getWorkloadCount()).isEqualTo(2);
    assertThat(s.getLastSeen()).isEqualTo(clock.instant());
    assertThat(client.v1().events().inNamespace("wasmcloud").list().getItems())
        .anyMatch(e -> e.getReason().equals(HostRegistrar.REASON_REGISTERED));
  }

  @Test
  void aSparseHeartbeatKeepsRealValuesInsteadOfPlaceholders() {
    registrar.register("NHOST", full("sparse").build());
    clock.advance(Duration.ofSeconds(15));
    HostHeartbeat sparse =
        HostHeartbeat.newBuilder()
            .setId("NHOST")
            .setFriendlyName("sparse")
            .setWorkloadCount(5)
            .build();
    registrar.register("NHOST", sparse);
    HostStatus s = stored("sparse").getStatus();
    assertThat(s.getVersion()).isEqualTo("2.1.0");
    assertThat(s.getOsKernel()).isEqualTo("6.1");
    assertThat(s.getSystemCPUUsage()).isEqualTo("37.25");
    assertThat(s.getSystemMemoryTotal()).isEqualTo(16L << 30);
    assertThat(s.getWorkloadCount()).isEqualTo(5);
    assertThat(s.getLastSeen()).isEqualTo(Instant.parse("2026-01-01T00:00:15Z"));
    assertThat(stored("sparse").getHostname()).isEqualTo("10.0.0.7");
  }

  @Test
  void placeholdersOnlyWhereNothingWasEverReported() {
    registrar.register("NBARE", HostHeartbeat.newBuilder().setId("NBARE").build());
    HostStatus s = stored("nbare").getStatus();
    assertThat(s.getVersion()).isEqualTo(HostStatusMapping.UNKNOWN);
    assertThat(s.getSystemCPUUsage()).isEqualTo("0");
    assertThat(s.getSystemMemoryTotal()).isZero();

    registrar.register("NBARE", full("nbare").setId("NBARE").build());
    assertThat(stored("nbare").getStatus().getVersion()).isEqualTo("2.1.0");
  }

  @Test
  void identityChangesAreWrittenAndForeignLabelsKept() {
    registrar.register("NHOST", full("moving").build());
    Host h = stored("moving");
    h.getMetadata().getLabels().put("team", "a");
    client.resource(h).update();
    registrar.register("NHOST2", full("moving").setId("NHOST2").setHttpPort(9000).build());
    Host moved = stored("moving");
    assertThat(moved.getHostId()).isEqualTo("NHOST2");
    assertThat(moved.getHttpPort()).isEqualTo(9000L);
    assertThat(moved.getMetadata().getLabels()).containsEntry("team", "a");
  }

  @Test
  void cpuIsAPlainDecimalString() {
    assertThat(HostStatusMapping.cpu(0f)).isEqualTo("0");
    assertThat(HostStatusMapping.cpu(100f)).isEqualTo("100");
    assertThat(HostStatusMapping.cpu(0.0001f)).isEqualTo("0.0001");
    assertThat(HostStatusMapping.cpu(Float.NaN)).isEqualTo("0");
  }
}
