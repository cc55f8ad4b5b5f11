package virga.operator.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.ConditionedStatus;
import virga.crds.v1alpha1.Finalizers;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.Labels;
import virga.crds.v1alpha1.RuntimeApi;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadDeployment;
import virga.crds.v1alpha1.WorkloadReplicaSet;
import virga.operator.OperatorConfig;
import virga.operator.VirgaOperator;
import virga.operator.conditions.Conditions;
import virga.operator.controller.host.HostSettings;
import virga.operator.controller.host.HostStates;
import virga.operator.controller.workload.WorkloadMetrics;
import virga.operator.hosts.HostRegistry;
import virga.operator.hosts.HostTimeouts;
import virga.operator.testing.FakeHost;
import virga.testsupport.KubeApiServerExtension;
import virga.testsupport.NatsServerExtension;

/**
 * Failover end to end: the whole {@link VirgaOperator} (every controller, wired as {@code java
 * -jar} wires them, Workload controllers through the service loader) on a real kube-apiserver +
 * etcd and a real nats-server, with FakeHosts speaking the wasmCloud protocol. Heartbeat TTL 3 s,
 * host interval 1 s, hence Workload interval 1 s and ReplicaSet unhealthy grace 3 s.
 */
@Timeout(300)
class FailoverIT {
  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();
  @RegisterExtension static final NatsServerExtension NATS = new NatsServerExtension();

  static final String HOSTS_NS = "virga-system";
  static final Duration TTL = Duration.ofSeconds(3);
  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final Duration GRACE = TTL;

  static KubernetesClient client;
  static OperatorConfig config;
  static volatile VirgaOperator operator;

  private final List<FakeHost> hosts = new CopyOnWriteArrayList<>();
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private String ns;

  @BeforeAll
  static void start() throws Exception {
    client = KUBE.client();
    KUBE.server().applyCrdResources(RuntimeApi.CRD_RESOURCES);
    namespace(HOSTS_NS);
    config =
        OperatorConfig.of(NATS.url(), HOSTS_NS)
            .withHostSettings(new HostSettings(TTL, INTERVAL))
            .withHostTimeouts(HostTimeouts.all(Duration.ofSeconds(1)));
    operator = VirgaOperator.start(config, client, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @BeforeEach
  void testNamespace() {
    ns = "f-" + UUID.randomUUID().toString().substring(0, 8);
    namespace(ns);
  }

  @AfterEach
  void cleanUp() {
    hosts.forEach(FakeHost::close);
    // no garbage collector here: take down what a cluster would cascade
    client.resources(WorkloadDeployment.class).inNamespace(ns).delete();
    client.resources(WorkloadReplicaSet.class).inNamespace(ns).delete();
    client.resources(Workload.class).inNamespace(ns).delete();
    for (Connection c : connections) {
      try {
        c.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---- (a) a host dies ----

  @Test
  void aHostThatStopsHeartbeatingLosesItsWorkloadToAnotherHostWithoutADuplicateStart()
      throws Exception {
    FakeHost a = host("a", "10.1.0.1");
    FakeHost b = host("b", "10.1.0.2");
    FakeHost c = host("c", "10.1.0.3");
    awaitHostsReady(a, b, c);
    // the scheduler's registry hears the operator's one heartbeat listener (no probing needed)
    HostRegistry registry =
        operator.services().heartbeats().handlers().stream()
            .filter(HostRegistry.class::isInstance)
            .map(HostRegistry.class::cast)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Workload host registry on the fan-out"));
    for (FakeHost f : List.of(a, b, c)) {
      assertThat(registry.get(f.id())).as("heartbeat of " + f.id()).isPresent();
    }
    deploy("app", 2);
    awaitDeploymentReady("app", 2);

    FakeHost victim = hostRunningAReplica(a, b, c);
    String victimHost = hostObject(victim).getMetadata().getName();
    String victimWorkload = workloadOn(victim).getMetadata().getUid();
    // a watch sees every write to the Host: the Ready=False patch and the deletion are separate
    // writes, but may land within milliseconds of each other, too close for polling to see both
    AtomicBoolean sawNotReady = new AtomicBoolean();
    AtomicReference<Instant> lastSeen = new AtomicReference<>(Instant.EPOCH);
    Watch watch =
        client
            .resources(Host.class)
            .inNamespace(HOSTS_NS)
            .withName(victimHost)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Host h) {
                    if (Conditions.isFalse(h.getStatus(), ConditionTypes.READY)) {
                      sawNotReady.set(true);
                    }
                    Instant seen = h.getStatus() == null ? null : h.getStatus().getLastSeen();
                    if (seen != null && seen.isAfter(lastSeen.get())) {
                      lastSeen.set(seen);
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
    Instant silent = Instant.now();
    victim.close(); // neither heartbeats nor answers: a dead host
    try {
      await()
          .atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  client.resources(Host.class).inNamespace(HOSTS_NS).withName(victimHost).get()
                      == null);
    } finally {
      watch.close();
    }
    assertThat(sawNotReady).as("Ready=False before the Host was deleted").isTrue();
    assertThat(lastSeen.get()).isAfter(silent.minusSeconds(2));
    assertThat(Duration.between(lastSeen.get(), Instant.now()))
        .as("deleted no earlier than a TTL after its last heartbeat")
        .isGreaterThanOrEqualTo(TTL);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> workloads().stream().noneMatch(w -> uid(w).equals(victimWorkload)));

    awaitDeploymentReady("app", 2);
    List<Workload> now = workloads();
    assertThat(now).hasSize(2);
    assertThat(now).extracting(w -> w.getStatus().getHostId()).doesNotContain(victim.id());
    assertThat(now.stream().map(w -> w.getStatus().getHostId()).collect(Collectors.toSet()))
        .as("still spread over two hosts")
        .hasSize(2);
    assertNoDuplicateStart(a, b, c);
    // every live replica was started exactly once, on the host it is placed on
    for (Workload w : now) {
      FakeHost on = byId(w.getStatus().getHostId(), a, b, c);
      assertThat(on.startRequests()).filteredOn(s -> s.getWorkloadId().equals(uid(w))).hasSize(1);
    }
  }

  // ---- (b) the operator loses NATS ----

  @Test
  void aNatsOutageDeletesNoHostAndNoWorkloadAndEverythingIsReadyAgainAfterwards() throws Exception {
    FakeHost a = host("a", "10.2.0.1");
    FakeHost b = host("b", "10.2.0.2");
    awaitHostsReady(a, b);
    deploy("app", 2);
    awaitDeploymentReady("app", 2);
    Map<String, String> hostUids = hostUids(a, b);
    Set<String> workloadUids =
        workloads().stream().map(FailoverIT::uid).collect(Collectors.toSet());
    int startsBefore = a.startRequests().size() + b.startRequests().size();

    NATS.server().stop();
    Instant reconnected;
    AtomicBoolean sawHostNotReady = new AtomicBoolean();
    AtomicBoolean sawWorkloadOutOfSync = new AtomicBoolean();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> !operator.busHealth().connected());
      // well past the TTL and the grace: every host and workload looks dead; none may go
      Instant until = Instant.now().plus(TTL.multipliedBy(3));
      while (Instant.now().isBefore(until)) {
        assertNothingDeleted(hostUids, workloadUids);
        for (Host h : hostObjects(a, b)) {
          if (!Conditions.isTrue(h.getStatus(), ConditionTypes.READY)) {
            sawHostNotReady.set(true);
          }
        }
        for (Workload w : workloads()) {
          if (!Conditions.isTrue(w.getStatus(), ConditionTypes.SYNC)) {
            sawWorkloadOutOfSync.set(true);
          }
        }
        Thread.sleep(100);
      }
    } finally {
      NATS.server().start();
    }
    assertThat(sawHostNotReady).as("the outage made hosts look unreachable").isTrue();
    assertThat(sawWorkloadOutOfSync).as("the outage made workloads look out of sync").isTrue();

    await().atMost(Duration.ofSeconds(20)).until(() -> operator.busHealth().connected());
    reconnected = operator.busHealth().connectedSince().orElseThrow();
    // a full window after reconnecting (TTL for hosts; grace + one Workload pass for replicas)
    Instant windowEnd = reconnected.plus(GRACE).plus(INTERVAL).plus(TTL);
    while (Instant.now().isBefore(windowEnd)) {
      assertNothingDeleted(hostUids, workloadUids);
      Thread.sleep(100);
    }

    awaitDeploymentReady("app", 2);
    awaitHostsReady(a, b);
    assertNothingDeleted(hostUids, workloadUids);
    for (Workload w : workloads()) {
      assertThat(Conditions.isTrue(w.getStatus(), ConditionTypes.READY)).isTrue();
    }
    assertThat(a.startRequests().size() + b.startRequests().size())
        .as("nothing started again")
        .isEqualTo(startsBefore);
    assertThat(stops(a) + stops(b)).as("nothing stopped").isZero();
  }

  // ---- (c) the operator restarts ----

  @Test
  void aRestartedOperatorStartsNoPlacedWorkloadAgain() throws Exception {
    FakeHost a = host("a", "10.3.0.1");
    FakeHost b = host("b", "10.3.0.2");
    awaitHostsReady(a, b);
    deploy("app", 2);
    awaitDeploymentReady("app", 2);
    int startsBefore = a.startRequests().size() + b.startRequests().size();
    Set<String> workloadUids =
        workloads().stream().map(FailoverIT::uid).collect(Collectors.toSet());

    operator.close();
    operator = VirgaOperator.start(config, client, Clock.systemUTC());
    // give the new operator several passes over both Workloads
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Timer t = reconcileTimer(operator.services().metrics(), "workload");
              return t != null && t.count() >= 6;
            });

    awaitDeploymentReady("app", 2);
    assertThat(workloads().stream().map(FailoverIT::uid).collect(Collectors.toSet()))
        .isEqualTo(workloadUids);
    assertThat(a.startRequests().size() + b.startRequests().size())
        .as("no workload.start for already placed Workloads")
        .isEqualTo(startsBefore);
    assertNoDuplicateStart(a, b);
    assertThat(stops(a) + stops(b)).isZero();
  }

  // ---- (d) a host pod goes away (wasmCloud #5010) ----

  @Test
  void deletingAHostPodDeletesItsHostAtOnceAndItsWorkloadsMove() throws Exception {
    serviceAccount(ns);
    FakeHost a = host("a", "10.4.0.1");
    FakeHost b = host("b", "10.4.0.2");
    FakeHost c = host("c", "10.4.0.3");
    awaitHostsReady(a, b, c);
    deploy("app", 2);
    awaitDeploymentReady("app", 2);
    FakeHost leaving = hostRunningAReplica(a, b, c);
    Host leavingHost = hostObject(leaving);
    String movedWorkload = uid(workloadOn(leaving));

    Pod pod = hostPod("hostgroup-" + ns + "-1", leavingHost.getHostname());
    // the pod is terminating: its host stops heartbeating but still answers requests, so only
    // the pod deletion can be what removes the Host (Reporting stays True)
    leaving.heartbeating(false);
    Instant deleted = Instant.now();
    client.resource(pod).delete();

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> hostObjectOrNull(leavingHost.getMetadata().getName()) == null);
    assertThat(Duration.between(deleted, Instant.now()))
        .as("at once, not after the heartbeat TTL")
        .isLessThan(TTL);
    await().atMost(Duration.ofSeconds(20)).until(() -> client.resource(pod).get() == null);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> workloads().stream().noneMatch(w -> uid(w).equals(movedWorkload)));
    awaitDeploymentReady("app", 2);
    assertThat(workloads()).extracting(w -> w.getStatus().getHostId()).doesNotContain(leaving.id());
    assertThat(leaving.workloads()).as("the released workload was stopped on its host").isEmpty();
    assertNoDuplicateStart(a, b, c);
  }

  // ---- metrics ----

  @Test
  void metricsCoverReconcileLatencyPlacementsFailuresAndHostStates() throws Exception {
    FakeHost a = host("a", "10.5.0.1");
    awaitHostsReady(a);
    deploy("app", 1);
    awaitDeploymentReady("app", 1);
    // nothing matches this selector: placements fail
    apply(deploymentYaml("nowhere", 1).replace("hostgroup: " + ns, "hostgroup: nobody-" + ns));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                workloads().stream()
                    .anyMatch(
                        w -> Conditions.isFalse(w.getStatus(), ConditionTypes.HOST_SELECTION)));

    MeterRegistry m = operator.services().metrics();
    for (String controller :
        List.of("host", "workload", "workload-replicaset", "workload-deployment")) {
      Timer t = reconcileTimer(m, controller);
      assertThat(t).as("reconcile latency of " + controller).isNotNull();
      assertThat(t.count()).as(controller + " reconciles").isPositive();
    }
    assertThat(counter(m, WorkloadMetrics.PLACEMENTS, "result", WorkloadMetrics.PLACED))
        .isGreaterThanOrEqualTo(1);
    assertThat(counter(m, WorkloadMetrics.PLACEMENTS, "result", WorkloadMetrics.FAILED))
        .isGreaterThanOrEqualTo(1);
    assertThat(counter(m, WorkloadMetrics.FAILURES, "reason", "NoSuitableHost"))
        .isGreaterThanOrEqualTo(1);
    assertThat(m.get(HostStates.GAUGE).tag("state", ConditionStatus.TRUE).gauge().value())
        .isGreaterThanOrEqualTo(1);
    String scrape = operator.registry().scrape();
    assertThat(scrape)
        .contains("virga_workload_placements_total{result=\"placed\"}")
        .contains("virga_workload_placement_failures_total{reason=\"NoSuitableHost\"}")
        .contains("virga_hosts{state=\"True\"}")
        .contains(
            "operator_sdk_controllers_execution_reconcile_seconds_count{controller=\"workload\"");
  }

  // ---- helpers ----

  private FakeHost host(String suffix, String ip) throws Exception {
    Connection c =
        Nats.connect(
            new Options.Builder()
                .server(NATS.url())
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(200))
                .build());
    connections.add(c);
    String id = (ns + "-" + suffix).toUpperCase().replace('-', '_');
    FakeHost h =
        FakeHost.builder(id)
            .friendlyName(ns + "-" + suffix)
            .hostname(ip)
            .label(Labels.HOSTGROUP, ns)
            .heartbeatInterval(Duration.ofMillis(500))
            .start(c);
    hosts.add(h);
    return h;
  }

  private void awaitHostsReady(FakeHost... fakes) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              List<Host> found = hostObjects(fakes);
              return found.size() == fakes.length
                  && found.stream()
                      .allMatch(h -> Conditions.isTrue(h.getStatus(), ConditionTypes.READY));
            });
  }

  private static Host hostObjectOrNull(String name) {
    return client.resources(Host.class).inNamespace(HOSTS_NS).withName(name).get();
  }

  private static Host hostObject(FakeHost f) {
    return client.resources(Host.class).inNamespace(HOSTS_NS).list().getItems().stream()
        .filter(h -> f.id().equals(h.getHostId()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Host for " + f.id()));
  }

  private static List<Host> hostObjects(FakeHost... fakes) {
    Set<String> ids = new HashSet<>();
    for (FakeHost f : fakes) {
      ids.add(f.id());
    }
    return client.resources(Host.class).inNamespace(HOSTS_NS).list().getItems().stream()
        .filter(h -> ids.contains(h.getHostId()))
        .toList();
  }

  private static Map<String, String> hostUids(FakeHost... fakes) {
    Map<String, String> out = new HashMap<>();
    for (FakeHost f : fakes) {
      out.put(f.id(), uid(hostObject(f)));
    }
    return out;
  }

  private void assertNothingDeleted(Map<String, String> hostUids, Set<String> workloadUids) {
    Map<String, Host> byId = new HashMap<>();
    for (Host h : client.resources(Host.class).inNamespace(HOSTS_NS).list().getItems()) {
      byId.put(h.getHostId(), h);
    }
    hostUids.forEach(
        (id, uid) -> {
          Host h = byId.get(id);
          assertThat(h).as("Host of " + id).isNotNull();
          assertThat(uid(h)).as("Host of " + id + " not replaced").isEqualTo(uid);
          assertThat(h.getMetadata().getDeletionTimestamp()).as("Host of " + id).isNull();
        });
    List<Workload> all = client.resources(Workload.class).inNamespace(ns).list().getItems();
    assertThat(
            all.stream()
                .filter(w -> w.getMetadata().getDeletionTimestamp() != null)
                .map(w -> w.getMetadata().getName()))
        .as("Workloads being deleted")
        .isEmpty();
    assertThat(all.stream().map(FailoverIT::uid).collect(Collectors.toSet()))
        .as("Workload uids")
        .isEqualTo(workloadUids);
  }

  private FakeHost hostRunningAReplica(FakeHost... fakes) {
    for (FakeHost f : fakes) {
      if (!f.workloads().isEmpty()) {
        return f;
      }
    }
    throw new AssertionError("no host runs a replica");
  }

  private Workload workloadOn(FakeHost f) {
    return workloads().stream()
        .filter(w -> f.id().equals(w.getStatus().getHostId()))
        .findFirst()
        .orElseThrow();
  }

  private static FakeHost byId(String id, FakeHost... fakes) {
    for (FakeHost f : fakes) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    throw new AssertionError("no fake host " + id);
  }

  private static void assertNoDuplicateStart(FakeHost... fakes) {
    List<String> started = new ArrayList<>();
    for (FakeHost f : fakes) {
      f.startRequests().forEach(s -> started.add(s.getWorkloadId()));
    }
    assertThat(started).as("workload.start ids over all hosts").doesNotHaveDuplicates();
  }

  private static long stops(FakeHost f) {
    return f.requests().stream().filter(r -> r.subject().endsWith("workload.stop")).count();
  }

  private Pod hostPod(String name, String ip) {
    Pod pod =
        client
            .pods()
            .inNamespace(ns)
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withLabels(Map.of(Labels.POD_HOSTGROUP, ns))
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
            () -> {
              Pod p = client.resource(pod).get();
              return p.getMetadata().getFinalizers() != null
                  && p.getMetadata().getFinalizers().contains(Finalizers.POD_HOST);
            });
    Pod withIp = client.resource(pod).get();
    withIp.getStatus().setPodIP(ip);
    return client.resource(withIp).updateStatus();
  }

  private void deploy(String name, int replicas) {
    apply(deploymentYaml(name, replicas));
  }

  private String deploymentYaml(String name, int replicas) {
    return "apiVersion: runtime.wasmcloud.dev/v1alpha1\n"
        + "kind: WorkloadDeployment\n"
        + "metadata: { name: "
        + name
        + " }\n"
        + "spec:\n"
        + "  replicas: "
        + replicas
        + "\n"
        + "  template:\n"
        + "    spec:\n"
        + "      hostSelector: { hostgroup: "
        + ns
        + " }\n"
        + "      components:\n"
        + "        - name: app\n"
        + "          image: ghcr.io/example/"
        + name
        + ":1\n";
  }

  private void apply(String yaml) {
    WorkloadDeployment d = Serialization.unmarshal(yaml, WorkloadDeployment.class);
    d.getMetadata().setNamespace(ns);
    client.resource(d).create();
  }

  private void awaitDeploymentReady(String name, int replicas) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              WorkloadDeployment d =
                  client.resources(WorkloadDeployment.class).inNamespace(ns).withName(name).get();
              List<Workload> ws = workloads();
              return isReady(d) && ws.size() == replicas && ws.stream().allMatch(w -> isReady(w));
            });
  }

  private List<Workload> workloads() {
    return client.resources(Workload.class).inNamespace(ns).list().getItems().stream()
        .filter(w -> w.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private static boolean isReady(CustomResource<?, ?> r) {
    return r != null
        && r.getStatus() instanceof ConditionedStatus s
        && Conditions.isTrue(s, ConditionTypes.READY);
  }

  private static String uid(io.fabric8.kubernetes.api.model.HasMetadata o) {
    return o.getMetadata().getUid();
  }

  private static Timer reconcileTimer(MeterRegistry m, String controller) {
    return m.find("operator.sdk.controllers.execution.reconcile")
        .tag("controller", controller)
        .timer();
  }

  private static double counter(MeterRegistry m, String name, String tag, String value) {
    Counter c = m.find(name).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }

  private static void namespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  private static void serviceAccount(String namespace) {
    client
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("default").endMetadata().build())
        .createOr(op -> op.update());
  }
}
