package virga.operator.controller.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.HostStatus;
import virga.crds.v1alpha1.KubernetesIntegration;
import virga.crds.v1alpha1.KubernetesServiceRef;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadSpec;
import virga.operator.conditions.Conditions;
import virga.operator.conditions.Outcome;
import virga.operator.config.ConfigMaterializerTest;
import virga.operator.controller.WorkloadSettings;
import virga.operator.events.RecordingEvents;
import virga.operator.hosts.HostRegistry;
import virga.protocol.Protocol;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;

@EnableKubernetesMockClient(crud = true, https = false)
class WorkloadReconcilerTest {
  static KubernetesClient client;

  private final InMemoryHostApi hosts = new InMemoryHostApi();
  private final RecordingEvents events = new RecordingEvents();
  private final HostRegistry registry = new HostRegistry();
  private String ns;
  private WorkloadReconciler reconciler;

  @BeforeEach
  void setUp() {
    ns = "t" + UUID.randomUUID().toString().substring(0, 6);
    reconciler =
        new WorkloadReconciler(
            hosts,
            registry,
            events,
            WorkloadSettings.defaults("hosts")
                .withIntervals(Duration.ofSeconds(5), Duration.ofSeconds(5)));
    host("host-a", "h1");
  }

  private void host(String name, String hostId) {
    host(name, hostId, Map.of());
  }

  private void host(String name, String hostId, Map<String, String> labels) {
    Host h = new Host();
    h.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("hosts")
            .addToLabels("hostgroup", "default")
            .addToLabels(labels)
            .build());
    h.setHostId(hostId);
    HostStatus s = new HostStatus();
    Conditions.set(
        s,
        Conditions.of(
            ConditionTypes.READY, ConditionStatus.TRUE, null, null, 1L, java.time.Instant.now()));
    h.setStatus(s);
    client.resource(h).createOr(x -> x.update());
  }

  private void configMap(String name, Map<String, String> data) {
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withData(data)
                .build())
        .createOr(x -> x.update());
  }

  private void secret(String name, Map<String, String> plain) {
    SecretBuilder b =
        new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata();
    plain.forEach(
        (k, v) ->
            b.addToData(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    client.resource(b.build()).createOr(x -> x.update());
  }

  private Workload create(WorkloadSpec spec) {
    Workload w = new Workload();
    w.setMetadata(
        new ObjectMetaBuilder()
            .withName("w")
            .withNamespace(ns)
            .withUid(UUID.randomUUID().toString())
            .build());
    w.setSpec(spec);
    return client.resource(w).create();
  }

  private Workload stored() {
    return client.resources(Workload.class).inNamespace(ns).withName("w").get();
  }

  private Outcome pass() throws Exception {
    return reconciler.conditions().reconcile(stored(), client, null);
  }

  private void settle() throws Exception {
    for (int i = 0; i < 12; i++) {
      if (pass().lastChanged() == null) {
        return;
      }
    }
  }

  private String condition(String type) {
    return Conditions.find(stored().getStatus(), type)
        .map(c -> c.getStatus() + ":" + c.getMessage())
        .orElse("absent");
  }

  private void references() {
    configMap("hi-cm", Map.of("k", "v1"));
    secret("hi-secret", Map.of("password", "hunter2"));
    configMap("env-cm", Map.of("E", "1"));
  }

  @Test
  void placesOnAReadyHostAndBecomesReady() throws Exception {
    references();
    create(ConfigMaterializerTest.spec());

    settle();

    Workload w = stored();
    assertThat(w.getStatus().getHostId()).isEqualTo("h1");
    assertThat(w.getStatus().getWorkloadId()).isEqualTo(w.getMetadata().getUid());
    assertThat(condition(ConditionTypes.READY)).isEqualTo("True:null");
    assertThat(hosts.starts).hasSize(1);
    assertThat(hosts.starts.get(0).getWorkload().getWitWorld().getHostInterfaces(0).getConfigMap())
        .containsEntry("password", "hunter2");
    assertThat(w.getMetadata().getAnnotations()).containsKey(WorkloadAnnotations.CONFIG_HASH);
    assertThat(events.reasons()).contains("HostSelected", "Placed");
  }

  @Test
  void aWorkloadThatFindsNoHostLooksAgainWithinSecondsNotAtTheInterval() throws Exception {
    references();
    client.resources(Host.class).inNamespace("hosts").delete();
    create(ConfigMaterializerTest.spec());

    pass(); // HostSelection becomes False: a change, looked at again at once
    Outcome unchanged = pass();

    assertThat(condition(ConditionTypes.HOST_SELECTION)).startsWith("False:");
    assertThat(unchanged.lastChanged()).isNull();
    assertThat(unchanged.requeueAfter()).isEqualTo(WorkloadConditions.NO_HOST_RETRY);
    assertThat(WorkloadConditions.NO_HOST_RETRY).isLessThan(Duration.ofSeconds(5));
    // the longer it waits, the less often it asks: half the wait, up to the interval
    Instant since =
        stored().getStatus().getConditions().stream()
            .filter(c -> c.getType().equals(ConditionTypes.HOST_SELECTION))
            .findFirst()
            .orElseThrow()
            .getLastTransitionTime();
    Duration interval = Duration.ofSeconds(30);
    assertThat(
            WorkloadConditions.noHostRetry(stored().getStatus(), since.plusSeconds(20), interval))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(
            WorkloadConditions.noHostRetry(stored().getStatus(), since.plusSeconds(600), interval))
        .isEqualTo(interval);

    host("host-a", "h1");
    settle();
    assertThat(condition(ConditionTypes.READY)).isEqualTo("True:null");
  }

  @Test
  void aPlacedWorkloadIsWorkedOnFromTheCacheAnUnplacedOneFromTheServer() throws Exception {
    references();
    Workload fresh = create(ConfigMaterializerTest.spec());
    // HostSelection: an earlier pass wrote the host, the cached copy does not show it yet
    for (int i = 0; i < 2; i++) {
      pass();
    }
    assertThat(stored().getStatus().getHostId()).isEqualTo("h1");
    Workload stale = Serialization.clone(fresh);
    Workload current = WorkloadReconciler.current(stale, client);
    assertThat(current).isNotSameAs(stale);
    assertThat(current.getStatus().getHostId()).as("from the server").isEqualTo("h1");

    settle();
    Workload placed = stored();
    assertThat(placed.getStatus().getWorkloadId()).isNotEmpty();
    // placed: its host and id never change, so no GET per pass (1,000 Workloads, 30 s apart)
    assertThat(WorkloadReconciler.current(placed, client)).isSameAs(placed);
  }

  @Test
  void aStaleCacheAfterAConfigRestartDoesNotRestartAgain() throws Exception {
    references();
    create(ConfigMaterializerTest.spec());
    settle();
    Workload before = stored();
    configMap("hi-cm", Map.of("k", "v2"));
    settle();
    assertThat(hosts.starts).as("started, then restarted with the new data").hasSize(2);
    long stops = hosts.count("stop ");

    // a pass on the copy from before the restart (old hash annotation, placed): the server says
    // the restart is done, so nothing is stopped again
    reconciler.conditions().reconcile(before, client, null);

    assertThat(hosts.count("stop ")).isEqualTo(stops);
    assertThat(hosts.starts).hasSize(2);
  }

  @Test
  void aMissingSecretFailsConfigWithAWarningThatNamesIt() throws Exception {
    configMap("hi-cm", Map.of("k", "v1"));
    configMap("env-cm", Map.of("E", "1"));
    create(ConfigMaterializerTest.spec());

    settle();
    settle();

    assertThat(condition(ConditionTypes.CONFIG))
        .isEqualTo("False:Secret " + ns + "/hi-secret not found");
    assertThat(condition(ConditionTypes.HOST_SELECTION))
        .isEqualTo("Unknown:waiting for referenced ConfigMaps and Secrets");
    assertThat(events.events).filteredOn(e -> e.reason().equals("ConfigNotFound")).hasSize(1);
    assertThat(hosts.starts).isEmpty();

    secret("hi-secret", Map.of("password", "hunter2"));
    settle();
    assertThat(condition(ConditionTypes.READY)).isEqualTo("True:null");
    assertThat(Serialization.asYaml(stored()) + events.events).doesNotContain("hunter2");
  }

  @Test
  void neverStartsAgainOnceTheStatusHasAWorkloadId() throws Exception {
    references();
    create(ConfigMaterializerTest.spec());
    settle();

    // a new operator process: fresh reconciler, same cluster
    setUp2();
    settle();
    settle();

    assertThat(hosts.count("start")).isEqualTo(1);
  }

  private void setUp2() {
    reconciler =
        new WorkloadReconciler(
            hosts, new HostRegistry(), events, WorkloadSettings.defaults("hosts"));
  }

  @Test
  void aLostStartReplyIsReconciledByAskingTheStatusBeforeRetrying() throws Exception {
    references();
    hosts.loseNextStartReply = true;
    create(ConfigMaterializerTest.spec());

    for (int i = 0; i < 10 && !condition(ConditionTypes.PLACEMENT).startsWith("False"); i++) {
      pass();
    }
    assertThat(condition(ConditionTypes.PLACEMENT)).startsWith("False:host h1 unreachable");
    assertThat(stored().getStatus().getWorkloadId()).isNull();
    settle();

    assertThat(hosts.count("start")).isEqualTo(1);
    assertThat(condition(ConditionTypes.READY)).isEqualTo("True:null");
    assertThat(stored().getStatus().getWorkloadId()).isEqualTo(stored().getMetadata().getUid());
  }

  @Test
  void aStartTheHostRefusesIsPlacementFalseWithTheHostMessage() throws Exception {
    references();
    hosts.failStarts = "pull failed: manifest unknown";
    create(ConfigMaterializerTest.spec());

    settle();

    String message = "host h1 failed to start the workload: pull failed: manifest unknown";
    assertThat(condition(ConditionTypes.PLACEMENT)).isEqualTo("False:" + message);
    assertThat(stored().getStatus().getWorkloadId()).isNull();
    assertThat(condition(ConditionTypes.SYNC)).isEqualTo("Unknown:workload is not placed");
    assertThat(condition(ConditionTypes.READY))
        .isEqualTo("False:workload is not placed and in sync");
    assertThat(events.events)
        .filteredOn(e -> e.reason().equals("StartFailed"))
        .containsExactly(new RecordingEvents.Event("w", "Warning", "StartFailed", message));

    hosts.failStarts = null;
    settle();
    // the ERROR slot was stopped to free the id, then the start went through
    assertThat(condition(ConditionTypes.READY)).isEqualTo("True:null");
  }

  @Test
  void changedConfigDataRestartsTheWorkloadWithTheNewValues() throws Exception {
    references();
    create(ConfigMaterializerTest.spec());
    settle();

    configMap("hi-cm", Map.of("k", "v2"));
    settle();

    assertThat(hosts.count("stop")).isEqualTo(1);
    assertThat(hosts.starts).hasSize(2);
    assertThat(hosts.starts.get(1).getWorkload().getWitWorld().getHostInterfaces(0).getConfigMap())
        .containsEntry("k", "v2");
    assertThat(condition(ConditionTypes.READY)).isEqualTo("True:null");
    assertThat(events.reasons()).contains("ConfigChanged");
    assertThat(hosts.configs).as("no label, no workload.config").isEmpty();
  }

  @Test
  void aRepeatedStartFailureWarnsOnceAndNeverStoresAWorkloadId() throws Exception {
    references();
    hosts.failStarts = "bind failed: wasi:keyvalue/store has no provider";
    create(ConfigMaterializerTest.spec());

    settle();
    settle();
    settle();

    assertThat(stored().getStatus().getWorkloadId()).isNull();
    assertThat(events.events).filteredOn(e -> e.reason().equals("StartFailed")).hasSize(1);
    // each retry asks first, frees the ERROR slot the host recorded, then starts again
    assertThat(hosts.count("start")).isGreaterThanOrEqualTo(2);
    assertThat(hosts.count("stop")).isEqualTo(hosts.count("start") - 1);
  }

  @Test
  void syncCarriesTheHostsMessageForAWorkloadThatIsNotRunning() throws Exception {
    references();
    create(ConfigMaterializerTest.spec());
    settle();
    String id = stored().getStatus().getWorkloadId();

    hosts.set(id, WorkloadState.WORKLOAD_STATE_ERROR, "service exhausted its restart budget (5)");
    settle();
    settle();

    String message =
        "workload is not operational: WORKLOAD_STATE_ERROR: "
            + "service exhausted its restart budget (5)";
    assertThat(condition(ConditionTypes.SYNC)).isEqualTo("False:" + message);
    assertThat(condition(ConditionTypes.READY))
        .isEqualTo("False:workload is not placed and in sync");
    assertThat(events.events)
        .filteredOn(e -> e.reason().equals("NotOperational"))
        .containsExactly(new RecordingEvents.Event("w", "Warning", "NotOperational", message));

    hosts.set(id, WorkloadState.WORKLOAD_STATE_STARTING, "service restarting (attempt 2)");
    settle();
    assertThat(condition(ConditionTypes.SYNC))
        .isEqualTo(
            "False:workload is not operational: WORKLOAD_STATE_STARTING: "
                + "service restarting (attempt 2)");

    hosts.set(id, WorkloadState.WORKLOAD_STATE_RUNNING, "");
    settle();
    assertThat(condition(ConditionTypes.READY)).isEqualTo("True:null");
  }

  @Test
  void syncWithoutAHostMessageNamesTheState() {
    assertThat(WorkloadConditions.notOperational(WorkloadState.WORKLOAD_STATE_NOT_FOUND, ""))
        .isEqualTo("workload is not operational: WORKLOAD_STATE_NOT_FOUND");
  }

  @Test
  void aHostThatAdvertisesLiveConfigGetsTheNewDataWithoutARestart() throws Exception {
    host("host-a", "h1", Map.of(Protocol.CONFIG_UPDATE_LABEL, Protocol.CONFIG_UPDATE_VERSION));
    references();
    create(ConfigMaterializerTest.spec());
    settle();
    String hashBefore =
        stored().getMetadata().getAnnotations().get(WorkloadAnnotations.CONFIG_HASH);

    configMap("hi-cm", Map.of("k", "v2"));
    settle();
    settle();

    assertThat(hosts.configs).hasSize(1);
    WorkloadStartRequest update = hosts.configs.get(0);
    assertThat(update.getWorkloadId()).isEqualTo(stored().getMetadata().getUid());
    assertThat(update.getWorkload().getWitWorld().getHostInterfaces(0).getConfigMap())
        .containsEntry("k", "v2")
        .containsEntry("password", "hunter2");
    assertThat(hosts.count("stop")).isZero();
    assertThat(hosts.starts).hasSize(1);
    assertThat(stored().getMetadata().getAnnotations().get(WorkloadAnnotations.CONFIG_HASH))
        .isNotEqualTo(hashBefore);
    assertThat(events.reasons()).contains("ConfigUpdated").doesNotContain("ConfigChanged");
    assertThat(condition(ConditionTypes.READY)).isEqualTo("True:null");
  }

  @Test
  void theLabelInTheLastHeartbeatIsEnoughToUseLiveConfig() throws Exception {
    registry.onHeartbeat(
        "h1",
        hosts.heartbeat("h1").toBuilder()
            .putLabels(Protocol.CONFIG_UPDATE_LABEL, Protocol.CONFIG_UPDATE_VERSION)
            .build());
    references();
    create(ConfigMaterializerTest.spec());
    settle();

    secret("hi-secret", Map.of("password", "hunter3"));
    settle();

    assertThat(hosts.configs).hasSize(1);
    assertThat(hosts.count("stop")).isZero();
  }

  @Test
  void aLiveConfigUpdateTheHostRefusesFallsBackToStopAndStart() throws Exception {
    host("host-a", "h1", Map.of(Protocol.CONFIG_UPDATE_LABEL, Protocol.CONFIG_UPDATE_VERSION));
    hosts.failConfigs = "component does not import wasi:config";
    references();
    create(ConfigMaterializerTest.spec());
    settle();

    configMap("hi-cm", Map.of("k", "v2"));
    settle();

    assertThat(hosts.configs).hasSize(1);
    assertThat(hosts.count("stop")).isEqualTo(1);
    assertThat(hosts.starts).hasSize(2);
    assertThat(hosts.starts.get(1).getWorkload().getWitWorld().getHostInterfaces(0).getConfigMap())
        .containsEntry("k", "v2");
    assertThat(events.events)
        .filteredOn(e -> e.reason().equals("ConfigUpdateFailed"))
        .containsExactly(
            new RecordingEvents.Event(
                "w",
                "Warning",
                "ConfigUpdateFailed",
                "host h1 did not apply the config update (WORKLOAD_STATE_ERROR: component does"
                    + " not import wasi:config); restarting instead"));
    assertThat(condition(ConditionTypes.READY)).isEqualTo("True:null");
  }

  @Test
  void anUnansweredLiveConfigUpdateFallsBackToStopAndStart() throws Exception {
    host("host-a", "h1", Map.of(Protocol.CONFIG_UPDATE_LABEL, Protocol.CONFIG_UPDATE_VERSION));
    hosts.configUnanswered = true;
    references();
    create(ConfigMaterializerTest.spec());
    settle();

    configMap("hi-cm", Map.of("k", "v2"));
    settle();

    assertThat(hosts.configs).hasSize(1);
    assertThat(hosts.count("stop")).isEqualTo(1);
    assertThat(hosts.starts).hasSize(2);
    assertThat(events.reasons()).contains("ConfigUpdateFailed", "ConfigChanged");
  }

  @Test
  void onlyTheV1LabelValueCounts() {
    assertThat(LiveConfig.advertises(Map.of(Protocol.CONFIG_UPDATE_LABEL, "v1"))).isTrue();
    assertThat(LiveConfig.advertises(Map.of(Protocol.CONFIG_UPDATE_LABEL, "v2"))).isFalse();
    assertThat(LiveConfig.advertises(Map.of())).isFalse();
    assertThat(LiveConfig.advertises(null)).isFalse();
  }

  @Test
  void noReadyHostIsHostSelectionFalseWithTheSchedulerReason() throws Exception {
    references();
    WorkloadSpec spec = ConfigMaterializerTest.spec();
    spec.setHostSelector(Map.of("hostgroup", "gpu"));
    create(spec);

    settle();

    assertThat(condition(ConditionTypes.HOST_SELECTION))
        .isEqualTo(
            "False:no suitable host among 1 host: host-a has label hostgroup=default, not gpu");
    assertThat(events.reasons()).containsOnlyOnce("NoSuitableHost");
  }

  @Test
  void theFinalizerStopsTheWorkloadOnItsHost() throws Exception {
    references();
    create(ConfigMaterializerTest.spec());
    settle();

    reconciler.conditions().cleanup(stored(), client, null);

    assertThat(hosts.states).isEmpty();
    assertThat(hosts.count("stop")).isEqualTo(1);
  }

  @Test
  void aWorkloadRoutedByAServiceKeepsServingForTheDrainBeforeItIsStopped() throws Exception {
    references();
    WorkloadSpec spec = ConfigMaterializerTest.spec();
    KubernetesIntegration k = new KubernetesIntegration();
    KubernetesServiceRef svc = new KubernetesServiceRef();
    svc.setName("web");
    k.setService(svc);
    spec.setKubernetes(k);
    create(spec);
    settle();
    Workload w = stored();
    Instant deleted = Instant.parse("2026-12-07T08:00:00Z");
    w.getMetadata().setDeletionTimestamp(deleted.toString());

    assertThat(WorkloadConditions.routeDrainLeft(w, deleted.plusMillis(500)))
        .contains(WorkloadConditions.ROUTE_DRAIN.minusMillis(500));
    assertThat(WorkloadConditions.routeDrainLeft(w, deleted.plus(WorkloadConditions.ROUTE_DRAIN)))
        .isEmpty();
    w.getSpec().setKubernetes(null);
    assertThat(WorkloadConditions.routeDrainLeft(w, deleted)).as("not routed").isEmpty();

    // through the finalizer: deleted just now, so the stop waits and the finalizer stays
    w.getSpec().setKubernetes(k);
    w.getMetadata().setDeletionTimestamp(Instant.now().toString());
    assertThat(reconciler.conditions().cleanup(w, client, null))
        .hasValueSatisfying(
            d -> assertThat(d).isPositive().isLessThanOrEqualTo(WorkloadConditions.ROUTE_DRAIN));
    assertThat(hosts.count("stop")).isZero();
  }

  @Test
  void indexKeysNameEveryReference() {
    Workload w = new Workload();
    w.setMetadata(new ObjectMetaBuilder().withName("w").withNamespace("ns").build());
    w.setSpec(ConfigMaterializerTest.spec());
    assertThat(WorkloadReconciler.configKeys(w))
        .containsExactly("ConfigMap/ns/hi-cm", "Secret/ns/hi-secret", "ConfigMap/ns/env-cm");
  }

  @SuppressWarnings("unused")
  private static List<String> none() {
    return List.of();
  }
}
