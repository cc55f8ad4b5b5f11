package virga.operator.controller.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static virga.operator.testing.FakeHost.wit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.RuntimeApi;
import virga.crds.v1alpha1.Workload;
import virga.operator.OperatorConfig;
import virga.operator.VirgaOperator;
import virga.operator.conditions.Conditions;
import virga.operator.controller.host.HostSettings;
import virga.operator.hosts.HostTimeouts;
import virga.operator.testing.FakeHost;
import virga.protocol.v2.WitInterface;
import virga.testsupport.KubeApiServerExtension;
import virga.testsupport.Namespaces;
import virga.testsupport.NatsServerExtension;

/**
 * The route controller as the operator runs it (VirgaOperator, every controller) on a real
 * kube-apiserver + etcd and nats-server, with two FakeHosts that heartbeat and answer starts: Ready
 * Workloads naming a Service put their hosts' pod IP and HTTP port into its EndpointSlice, in the
 * version the server serves (v1beta1 on the 1.20 test server, v1 from 1.21).
 */
@Timeout(180)
class WorkloadRouteIT {
  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();
  @RegisterExtension static final NatsServerExtension NATS = new NatsServerExtension();

  static final String NS = "virga-system";
  static final String APPS = "shop";

  static KubernetesClient client;
  static VirgaOperator operator;
  static Connection hostConn;
  static FakeHost hostA;
  static FakeHost hostB;
  static String sliceVersion;

  @BeforeAll
  static void start() throws Exception {
    client = KUBE.client();
    KUBE.server().applyCrdResources(RuntimeApi.CRD_RESOURCES);
    Namespaces.create(client, NS, APPS);
    sliceVersion = SliceStore.forServer(client).apiVersion();
    OperatorConfig config =
        OperatorConfig.of(NATS.url(), NS)
            .withHostSettings(new HostSettings(Duration.ofSeconds(5), Duration.ofSeconds(1)))
            .withHostTimeouts(HostTimeouts.all(Duration.ofSeconds(2)));
    operator = VirgaOperator.start(config, client, Clock.systemUTC());
    hostConn = Nats.connect(NATS.url());
    WitInterface http = wit("wasi:http/incoming-handler");
    hostA =
        FakeHost.builder("HOSTA")
            .friendlyName("host-a")
            .hostname("10.0.0.7")
            .httpPort(8080)
            .exports(http)
            .heartbeatInterval(Duration.ofMillis(500))
            .start(hostConn);
    hostB =
        FakeHost.builder("HOSTB")
            .friendlyName("host-b")
            .hostname("10.0.0.3")
            .httpPort(8080)
            .exports(http)
            .heartbeatInterval(Duration.ofMillis(500))
            .start(hostConn);
    awaitHostReady("host-a");
    awaitHostReady("host-b");
  }

  @AfterAll
  static void stop() throws Exception {
    if (operator != null) {
      operator.close();
    }
    for (FakeHost h : new FakeHost[] {hostA, hostB}) {
      if (h != null) {
        h.close();
      }
    }
    if (hostConn != null) {
      hostConn.close();
    }
  }

  static void awaitHostReady(String name) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Host h = client.resources(Host.class).inNamespace(NS).withName(name).get();
              return h != null && Conditions.isTrue(h.getStatus(), ConditionTypes.READY);
            });
  }

  static Service service(String name) {
    return client
        .services()
        .inNamespace(APPS)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withNewTargetPort(8080)
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  static Workload workload(String name, String hostId, String service) {
    Workload w =
        Serialization.unmarshal(
            "apiVersion: runtime.wasmcloud.dev/v1alpha1\nkind: Workload\nmetadata:\n  name: "
                + name
                + "\n  namespace: "
                + APPS
                + "\nspec:\n  hostId: "
                + hostId
                + "\n  hostInterfaces:\n  - namespace: wasi\n    package: http\n"
                + "    interfaces: [incoming-handler]\n    config:\n      host: web.acme.example\n"
                + "      host-aliases: web.acme.internal\n"
                + "  components:\n  - name: c\n    image: ghcr.io/x/c:1\n"
                + "  kubernetes:\n    service:\n      name: "
                + service
                + "\n",
            Workload.class);
    return client.resource(w).create();
  }

  static boolean ready(String name) {
    Workload w = client.resources(Workload.class).inNamespace(APPS).withName(name).get();
    return w != null
        && w.getStatus() != null
        && ConditionStatus.TRUE.equals(
            Conditions.find(w.getStatus(), ConditionTypes.READY)
                .map(c -> c.getStatus())
                .orElse(null));
  }

  static GenericKubernetesResource slice(String name) {
    return client
        .genericKubernetesResources(sliceVersion, "EndpointSlice")
        .inNamespace(APPS)
        .withName(name)
        .get();
  }

  @SuppressWarnings("unchecked")
  static List<String> addresses(GenericKubernetesResource s) {
    if (s == null) {
      return List.of();
    }
    List<Map<String, Object>> endpoints =
        (List<Map<String, Object>>) s.getAdditionalProperties().get("endpoints");
    return endpoints == null
        ? List.of()
        : endpoints.stream()
            .flatMap(e -> ((List<String>) e.get("addresses")).stream())
            .sorted()
            .toList();
  }

  static void delete(String name) {
    client.resources(Workload.class).inNamespace(APPS).withName(name).delete();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> client.resources(Workload.class).inNamespace(APPS).withName(name).get() == null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void readyWorkloadsOfAServiceAreItsEndpointsUntilNoneIsLeft() {
    Service web = service("web");
    workload("web-a", "HOSTA", "web");
    workload("web-b", "HOSTB", "web");
    await().atMost(Duration.ofSeconds(30)).until(() -> ready("web-a") && ready("web-b"));

    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              GenericKubernetesResource s = slice("web-http-8080");
              return s != null && addresses(s).size() == 2;
            });
    GenericKubernetesResource s = slice("web-http-8080");
    assertThat(s.getApiVersion()).isEqualTo(sliceVersion);
    assertThat(addresses(s)).containsExactly("10.0.0.3", "10.0.0.7");
    assertThat(s.getAdditionalProperties().get("addressType")).isEqualTo("IPv4");
    List<Map<String, Object>> ports =
        (List<Map<String, Object>>) s.getAdditionalProperties().get("ports");
    assertThat(ports).hasSize(1);
    assertThat(ports.get(0)).containsEntry("name", "http").containsEntry("protocol", "TCP");
    assertThat(((Number) ports.get(0).get("port")).intValue()).isEqualTo(8080);
    assertThat(s.getMetadata().getLabels())
        .containsEntry("kubernetes.io/service-name", "web")
        .containsEntry("wasmcloud.dev/route-manager", "true");
    assertThat(s.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("Service");
              assertThat(o.getName()).isEqualTo("web");
              assertThat(o.getUid()).isEqualTo(web.getMetadata().getUid());
              assertThat(o.getController()).isTrue();
            });

    // the start request carried the Service's names, merged with the user's alias
    assertThat(hostA.startRequests())
        .filteredOn(r -> r.getWorkload().getName().equals("web-a"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.getWorkload().getWitWorld().getHostInterfaces(0).getConfigMap())
                    .containsEntry("host-aliases", "web.acme.internal,web.shop,web.shop.svc"));

    delete("web-b");
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> addresses(slice("web-http-8080")).equals(List.of("10.0.0.7")));

    delete("web-a");
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> slice("web-http-8080") == null);
  }

  @Test
  void aWorkloadWhoseServiceDoesNotExistYetIsRoutedOnceTheServiceIsCreated() {
    workload("late-a", "HOSTA", "late");
    await().atMost(Duration.ofSeconds(30)).until(() -> ready("late-a"));
    assertThat(slice("late-http-8080")).isNull();
    service("late");
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              GenericKubernetesResource s = slice("late-http-8080");
              return s != null && addresses(s).equals(List.of("10.0.0.7"));
            });
    delete("late-a");
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> slice("late-http-8080") == null);
  }

  @Test
  void aHostThatDiesLeavesTheSliceOthersStay() throws Exception {
    service("pair");
    FakeHost hostC =
        FakeHost.builder("HOSTC")
            .friendlyName("host-c")
            .hostname("10.0.0.9")
            .httpPort(8080)
            .exports(wit("wasi:http/incoming-handler"))
            .heartbeatInterval(Duration.ofMillis(500))
            .start(hostConn);
    try {
      awaitHostReady("host-c");
      workload("pair-a", "HOSTA", "pair");
      workload("pair-c", "HOSTC", "pair");
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> addresses(slice("pair-http-8080")).equals(List.of("10.0.0.7", "10.0.0.9")));
    } finally {
      hostC.close(); // killed without a word: no heartbeat, no reply
    }
    // its Host goes Unknown, then False (TTL 5 s) and is deleted; its Workload stops being Ready
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> addresses(slice("pair-http-8080")).equals(List.of("10.0.0.7")));
    client.resources(Workload.class).inNamespace(APPS).withName("pair-c").delete();
    delete("pair-a");
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> slice("pair-http-8080") == null);
  }
}
