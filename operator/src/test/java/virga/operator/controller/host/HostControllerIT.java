package virga.operator.controller.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Finalizers;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.Labels;
import virga.crds.v1alpha1.RuntimeApi;
import virga.crds.v1alpha1.Workload;
import virga.operator.OperatorConfig;
import virga.operator.VirgaOperator;
import virga.operator.conditions.Conditions;
import virga.operator.hosts.HostTimeouts;
import virga.operator.testing.FakeHost;
import virga.testsupport.KubeApiServerExtension;
import virga.testsupport.Namespaces;
import virga.testsupport.NatsServerExtension;

/**
 * The Host controller as the operator runs it (VirgaOperator: JOSDK, heartbeat registrar, informer
 * index) against a real kube-apiserver + etcd and a real nats-server, with FakeHosts speaking the
 * wasmCloud protocol. The heartbeat TTL is 3 s instead of 60 s.
 */
@Timeout(240)
class HostControllerIT {
  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();
  @RegisterExtension static final NatsServerExtension NATS = new NatsServerExtension();

  static final String NS = "virga-system";
  static final String APPS = "apps";
  static final Duration TTL = Duration.ofSeconds(3);

  static KubernetesClient client;
  static VirgaOperator operator;

  @BeforeAll
  static void start() throws Exception {
    client = KUBE.client();
    KUBE.server().applyCrdResources(RuntimeApi.CRD_RESOURCES);
    Namespaces.create(client, NS, APPS);
    OperatorConfig config =
        OperatorConfig.of(NATS.url(), NS)
            .withHostSettings(new HostSettings(TTL, Duration.ofSeconds(1)))
            .withHostTimeouts(HostTimeouts.all(Duration.ofSeconds(1)));
    operator = VirgaOperator.start(config, client, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  static Connection hostConnection() throws Exception {
    return Nats.connect(
        new Options.Builder()
            .server(NATS.url())
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(200))
            .build());
  }

  static FakeHost.Builder host(String id, String name) {
    return FakeHost.builder(id)
        .friendlyName(name)
        .heartbeatInterval(Duration.ofMillis(500))
        .httpPort(8080)
        .environment("prod");
  }

  static Host get(String name) {
    return client.resources(Host.class).inNamespace(NS).withName(name).get();
  }

  static String ready(Host h) {
    return h == null
        ? null
        : Conditions.find(h.getStatus(), ConditionTypes.READY).map(c -> c.getStatus()).orElse(null);
  }

  static Host awaitReady(String name) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ConditionStatus.TRUE.equals(ready(get(name))));
    return get(name);
  }

  static boolean replacedOrGone(String name, String uid) {
    Host h = get(name);
    return h == null || !uid.equals(h.getMetadata().getUid());
  }

  static Workload workload(String name, String hostId) {
    Workload w =
        Serialization.unmarshal(
            "apiVersion: runtime.wasmcloud.dev/v1alpha1\nkind: Workload\nmetadata:\n  name: "
                + name
                + "\n  namespace: "
                + APPS
                + "\nspec:\n  hostId: "
                + hostId
                + "\n  components:\n  - name: c\n    image: ghcr.io/x/c:1\n",
            Workload.class);
    Workload created = client.resource(w).create();
    // the Workload controller runs too and writes the status: pinned to the host, it can only
    // write the same hostId, and a patch without resourceVersion cannot conflict with it
    return client
        .resource(created)
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"hostId\":\"" + hostId + "\"}}");
  }

  @Test
  void aHeartbeatRegistersAHostWithItsStatus() throws Exception {
    try (Connection c = hostConnection();
        FakeHost h = host("HOSTONE", "host-one").hostname("10.0.0.1").cpuUsage(12.5f).start(c)) {
      Host host = awaitReady("host-one");
      assertThat(host.getHostId()).isEqualTo("HOSTONE");
      assertThat(host.getHostname()).isEqualTo("10.0.0.1");
      assertThat(host.getHttpPort()).isEqualTo(8080L);
      assertThat(host.getEnvironment()).isEqualTo("prod");
      assertThat(host.getMetadata().getLabels()).containsEntry(Labels.HOSTGROUP, "default");
      assertThat(host.getMetadata().getFinalizers()).contains(Finalizers.HOST);
      assertThat(host.getStatus().getSystemCPUUsage()).isEqualTo("12.5");
      assertThat(host.getStatus().getSystemMemoryTotal()).isEqualTo(8L << 30);
      assertThat(host.getStatus().getOsName()).isNotEqualTo(HostStatusMapping.UNKNOWN).isNotBlank();
      assertThat(host.getStatus().getVersion()).isNotEqualTo(HostStatusMapping.UNKNOWN);
      assertThat(host.getStatus().getLastSeen()).isAfter(Instant.now().minusSeconds(10));
      assertThat(Conditions.isTrue(host.getStatus(), ConditionTypes.REPORTING)).isTrue();
      assertThat(
              client.v1().events().inNamespace(NS).list().getItems().stream()
                  .filter(e -> e.getInvolvedObject().getName().equals("host-one"))
                  .map(e -> e.getReason()))
          .contains("HostRegistered");
      assertThat(operator.hostStates().count(ConditionStatus.TRUE)).isGreaterThanOrEqualTo(1);
      assertThat(operator.registry().scrape()).contains("virga_hosts{state=\"True\"}");
    }
  }

  @Test
  void aSilentHostGoesUnknownThenFalseAndIsDeletedWithItsWorkloads() throws Exception {
    Instant silentSince;
    try (Connection c = hostConnection();
        FakeHost h = host("HOSTTWO", "host-two").start(c)) {
      awaitReady("host-two");
      workload("on-two", "HOSTTWO");
      workload("elsewhere", "SOMEOTHERHOST");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> operator.hostStates().count(ConditionStatus.TRUE) >= 1);
      silentSince = Instant.now();
    }
    AtomicReference<Boolean> sawUnknown = new AtomicReference<>(false);
    AtomicReference<Instant> lastSeen = new AtomicReference<>(Instant.EPOCH);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Host h = get("host-two");
              if (ConditionStatus.UNKNOWN.equals(ready(h))) {
                sawUnknown.set(true);
              }
              if (h != null && h.getStatus().getLastSeen().isAfter(lastSeen.get())) {
                lastSeen.set(h.getStatus().getLastSeen());
              }
              return h == null;
            });
    assertThat(sawUnknown.get()).as("Ready went Unknown before the Host was deleted").isTrue();
    assertThat(lastSeen.get()).isAfter(silentSince.minusSeconds(2));
    assertThat(Duration.between(lastSeen.get(), Instant.now()))
        .as("deleted no earlier than a TTL after the last sign of life")
        .isGreaterThanOrEqualTo(TTL);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                client.resources(Workload.class).inNamespace(APPS).withName("on-two").get()
                    == null);
    assertThat(client.resources(Workload.class).inNamespace(APPS).withName("elsewhere").get())
        .isNotNull();
    assertThat(
            client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> e.getInvolvedObject().getName().equals("host-two"))
                .map(e -> e.getReason()))
        .contains(HostReconciler.REASON_REMOVED);
  }

  @Test
  void aNatsOutageDeletesNothingUntilTheBusHasBeenUpForAWholeWindow() throws Exception {
    try (Connection c = hostConnection();
        FakeHost alive = host("ALIVE", "alive").start(c)) {
      Connection deadConnection = hostConnection();
      FakeHost dead = host("DEAD", "dead").start(deadConnection);
      awaitReady("alive");
      awaitReady("dead");
      String deadUid = get("dead").getMetadata().getUid();
      dead.close();
      deadConnection.close();
      NATS.server().stop();
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> !operator.busHealth().connected());
        // well past the TTL: both look dead, neither may go
        await()
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> ConditionStatus.FALSE.equals(ready(get("dead"))));
        Thread.sleep(TTL.multipliedBy(2).toMillis());
        assertThat(get("dead")).isNotNull();
        assertThat(get("alive")).isNotNull();
        assertThat(ready(get("dead"))).isEqualTo(ConditionStatus.FALSE);
      } finally {
        NATS.server().start();
      }
      await().atMost(Duration.ofSeconds(15)).until(() -> operator.busHealth().connected());
      Instant upSince = operator.busHealth().connectedSince().orElseThrow();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> replacedOrGone("dead", deadUid));
      Instant deletedBy = Instant.now();
      assertThat(Duration.between(upSince, deletedBy))
          .as("the dead host is only deleted after the bus was up a whole TTL")
          .isGreaterThanOrEqualTo(TTL);
      Host stillAlive = awaitReady("alive");
      assertThat(stillAlive.getMetadata().getDeletionTimestamp()).isNull();
    }
  }

  @Test
  void deletingAHostPodDeletesItsHostAtOnce() throws Exception {
    try (Connection c = hostConnection();
        FakeHost h = host("PODHOST", "pod-host").hostname("10.9.8.7").start(c)) {
      String uid = awaitReady("pod-host").getMetadata().getUid();
      Pod pod =
          client
              .pods()
              .inNamespace(APPS)
              .resource(
                  new PodBuilder()
                      .withNewMetadata()
                      .withName("hostgroup-default-1")
                      .withLabels(Map.of(Labels.POD_HOSTGROUP, "default"))
                      .endMetadata()
                      .withNewSpec()
                      .withAutomountServiceAccountToken(false)
                      .addNewContainer()
                      .withName("host")
                      .withImage("ghcr.io/wasmcloud/wash:2")
                      .endContainer()
                      .endSpec()
                      .build())
              .create();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  client
                      .resource(pod)
                      .get()
                      .getMetadata()
                      .getFinalizers()
                      .contains(Finalizers.POD_HOST));
      Pod withIp = client.resource(pod).get();
      withIp.getStatus().setPodIP("10.9.8.7");
      client.resource(withIp).updateStatus();

      client.resource(pod).delete();
      // the host still heartbeats, so it comes back as a new object: a new uid proves the delete
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> replacedOrGone("pod-host", uid));
      await().atMost(Duration.ofSeconds(20)).until(() -> client.resource(pod).get() == null);
    }
  }
}
