package virga.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import virga.operator.controller.WorkloadSettings;
import virga.operator.controller.host.HostSettings;
import virga.operator.events.KubernetesEventRecorder;
import virga.operator.hosts.HeartbeatFanOut;
import virga.operator.hosts.HostClient;
import virga.operator.hosts.HostRegistry;
import virga.operator.nats.BusHealth;
import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.WitInterface;

/** The one heartbeat listener feeds both the Host registrar and the Workload host registry. */
@EnableKubernetesMockClient(crud = true, https = false)
class HeartbeatFanOutTest {
  static KubernetesClient client;

  private static HostHeartbeat beat(String id, String iface) {
    return HostHeartbeat.newBuilder()
        .setId(id)
        .addImports(
            WitInterface.newBuilder().setNamespace("wasi").setPackage("http").addInterfaces(iface))
        .build();
  }

  @Test
  void everyHandlerGetsEveryHeartbeatInOrderEvenWhenOneThrows() {
    List<String> seen = new ArrayList<>();
    HostRegistry registry = new HostRegistry();
    HeartbeatFanOut fanOut =
        new HeartbeatFanOut(
            (id, hb) -> seen.add("registrar:" + id),
            (id, hb) -> {
              throw new IllegalStateException("broken handler");
            });
    fanOut.add(registry).add((id, hb) -> seen.add("last:" + id));

    fanOut.onHeartbeat("H1", beat("H1", "incoming-handler"));
    fanOut.onHeartbeat("H2", beat("H2", "outgoing-handler"));

    assertThat(seen).containsExactly("registrar:H1", "last:H1", "registrar:H2", "last:H2");
    assertThat(fanOut.failures()).isEqualTo(2);
    assertThat(registry.get("H1").orElseThrow().getImports(0).getInterfaces(0))
        .isEqualTo("incoming-handler");
    assertThat(registry.get("H2")).isPresent();
  }

  @Test
  void theWorkloadControllersRegistryHearsTheOperatorsHeartbeats() {
    HeartbeatFanOut fanOut = new HeartbeatFanOut();
    List<String> registrar = new ArrayList<>();
    fanOut.add((id, hb) -> registrar.add(id));
    OperatorConfig config =
        OperatorConfig.of("nats://127.0.0.1:4222", "hosts")
            .withHostSettings(new HostSettings(Duration.ofSeconds(3), Duration.ofSeconds(1)));
    OperatorServices services =
        new OperatorServices(
            config,
            client,
            new HostClient(unusedConnection()),
            new BusHealth(),
            new KubernetesEventRecorder(client, Clock.systemUTC()),
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            fanOut);
    Operator operator = new Operator(o -> o.withKubernetesClient(client));

    new WorkloadControllerRegistration().register(operator, services);
    fanOut.onHeartbeat("H1", beat("H1", "incoming-handler"));

    assertThat(registrar).containsExactly("H1");
    HostRegistry registry =
        fanOut.handlers().stream()
            .filter(HostRegistry.class::isInstance)
            .map(HostRegistry.class::cast)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Workload host registry on the fan-out"));
    assertThat(registry.get("H1")).isPresent();
  }

  @Test
  void workloadTimingsFollowTheHostSettingsAndTheGraceIsTheHeartbeatTtl() {
    WorkloadSettings defaults =
        WorkloadControllerRegistration.settings(OperatorConfig.of("nats://x:4222", "hosts"));
    assertThat(defaults.workloadInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.replicaSetInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(defaults.deploymentInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(defaults.unhealthyGrace()).isEqualTo(Duration.ofSeconds(20));

    WorkloadSettings fast =
        WorkloadControllerRegistration.settings(
            OperatorConfig.of("nats://x:4222", "hosts")
                .withHostSettings(new HostSettings(Duration.ofSeconds(3), Duration.ofSeconds(1))));
    assertThat(fast.workloadInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(fast.replicaSetInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(fast.unhealthyGrace()).isEqualTo(Duration.ofSeconds(3));
  }

  // HostClient only needs a connection when a request is made; none is here
  private static Connection unusedConnection() {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
