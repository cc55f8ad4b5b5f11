package virga.operator.controller.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.ConditionReasons;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.ReplicaSetStatus;
import virga.crds.v1alpha1.WorkloadDeployment;
import virga.crds.v1alpha1.WorkloadReplicaSet;
import virga.crds.v1alpha1.WorkloadReplicaSetStatus;
import virga.operator.cache.CacheContext;
import virga.operator.cache.Secondaries;
import virga.operator.conditions.Conditions;
import virga.operator.controller.WorkloadSettings;
import virga.operator.events.RecordingEvents;

/** {@link WorkloadDeploymentReconciler#reconcile} on the fabric8 CRUD mock. */
@EnableKubernetesMockClient(crud = true, https = false)
class WorkloadDeploymentReconcilerTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  private final RecordingEvents events = new RecordingEvents();
  private WorkloadDeploymentReconciler reconciler;
  private String ns;

  @BeforeEach
  void setUp() {
    ns = "wd" + UUID.randomUUID().toString().substring(0, 6);
    reconciler =
        new WorkloadDeploymentReconciler(
            events,
            WorkloadSettings.defaults("hosts")
                .withIntervals(Duration.ofSeconds(10), Duration.ofSeconds(10)));
  }

  @Test
  void aDeploymentGetsAReplicaSetWithItsReplicasAndIsReadyWhenTheSetIs() throws Exception {
    WorkloadDeployment d = deployment("web", 3, "ghcr.io/x/web:1", null);
    settle(d);

    List<WorkloadReplicaSet> sets = sets(d);
    assertThat(sets).hasSize(1);
    WorkloadReplicaSet rs = sets.get(0);
    assertThat(rs.getSpec().getReplicas()).isEqualTo(3);
    assertThat(rs.getSpec().getTemplate().getSpec().getComponents().get(0).getImage())
        .isEqualTo("ghcr.io/x/web:1");
    WorkloadDeployment waiting = stored(d);
    assertThat(waiting.getStatus().getCurrentReplicaSet().getName())
        .isEqualTo(rs.getMetadata().getName());
    assertThat(Conditions.isFalse(waiting.getStatus(), DeploymentConditions.SCALE)).isTrue();
    assertThat(Conditions.isTrue(waiting.getStatus(), ConditionTypes.READY)).isFalse();
    assertThat(waiting.getStatus().getSelector())
        .isEqualTo("runtime.wasmcloud.dev/workload-deployment=web");
    assertThat(events.reasons()).contains("ReplicaSetCreated");

    ready(rs, 3);
    settle(d);
    WorkloadDeployment done = stored(d);
    assertThat(Conditions.isTrue(done.getStatus(), ConditionTypes.READY)).isTrue();
    assertThat(done.getStatus().getCurrentReplicas()).isEqualTo(3);
    assertThat(done.getStatus().getReplicas().getReady()).isEqualTo(3);

    WorkloadDeployment scaled = stored(d);
    scaled.getSpec().setReplicas(5);
    client.resource(scaled).update();
    settle(d);
    assertThat(sets(d)).hasSize(1);
    assertThat(sets(d).get(0).getSpec().getReplicas())
        .as("scale goes to the same set")
        .isEqualTo(5);
  }

  @Test
  void aRollingUpdateKeepsThePreviousSetUntilTheNewOneIsReady() throws Exception {
    WorkloadDeployment d = deployment("roll", 2, "ghcr.io/x/roll:1", null);
    settle(d);
    WorkloadReplicaSet first = sets(d).get(0);
    ready(first, 2);
    settle(d);

    image(d, "ghcr.io/x/roll:2");
    settle(d);
    assertThat(sets(d)).hasSize(2);
    WorkloadDeployment during = stored(d);
    assertThat(during.getStatus().getPreviousReplicaSet().getName())
        .isEqualTo(first.getMetadata().getName());
    String second = during.getStatus().getCurrentReplicaSet().getName();
    assertThat(second).isNotEqualTo(first.getMetadata().getName());

    ready(client.resources(WorkloadReplicaSet.class).inNamespace(ns).withName(second).get(), 2);
    settle(d);
    assertThat(sets(d)).extracting(rs -> rs.getMetadata().getName()).containsExactly(second);
    WorkloadDeployment after = stored(d);
    assertThat(after.getStatus().getPreviousReplicaSet()).isNull();
    assertThat(Conditions.isTrue(after.getStatus(), ConditionTypes.READY)).isTrue();
  }

  @Test
  void recreateDropsThePreviousSetAtOnce() throws Exception {
    WorkloadDeployment d = deployment("rec", 1, "ghcr.io/x/rec:1", "Recreate");
    settle(d);
    WorkloadReplicaSet first = sets(d).get(0);
    ready(first, 1);
    settle(d);

    image(d, "ghcr.io/x/rec:2");
    settle(d);
    assertThat(sets(d))
        .extracting(rs -> rs.getMetadata().getName())
        .doesNotContain(first.getMetadata().getName())
        .hasSize(1);
    assertThat(stored(d).getStatus().getPreviousReplicaSet()).isNull();
  }

  @Test
  void aMissingArtifactIsReportedAndNothingIsCreated() throws Exception {
    WorkloadDeployment d = deployment("noart", 1, "artifact://nowhere", null);
    settle(d);
    assertThat(sets(d)).isEmpty();
    assertThat(
            Conditions.find(stored(d).getStatus(), DeploymentConditions.ARTIFACT)
                .get()
                .getMessage())
        .isEqualTo("image artifact://nowhere is not in spec.artifacts");
  }

  // ---- helpers ----

  private WorkloadDeployment deployment(String name, int replicas, String image, String policy) {
    WorkloadDeployment d =
        Serialization.unmarshal(
            "apiVersion: runtime.wasmcloud.dev/v1alpha1\n"
                + "kind: WorkloadDeployment\n"
                + "metadata: { name: "
                + name
                + ", namespace: "
                + ns
                + ", uid: "
                + UUID.randomUUID()
                + " }\n"
                + "spec:\n"
                + "  replicas: "
                + replicas
                + "\n"
                + (policy == null ? "" : "  deployPolicy: " + policy + "\n")
                + "  template:\n"
                + "    spec:\n"
                + "      components:\n"
                + "        - name: app\n"
                + "          image: "
                + image
                + "\n",
            WorkloadDeployment.class);
    return client.resource(d).create();
  }

  @Test
  void onlySetUpdatesThatCanChangeADecisionReconcileTheDeployment() {
    WorkloadReplicaSet before = new WorkloadReplicaSet();
    before.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("rs")
            .withGeneration(1L)
            .build());
    before.setStatus(new WorkloadReplicaSetStatus());
    WorkloadReplicaSet scaledUp = Serialization.clone(before);
    Conditions.set(
        scaledUp.getStatus(),
        Conditions.of(
            ConditionTypes.SCALE_UP, ConditionStatus.TRUE, null, null, 1L, Instant.now()));
    assertThat(WorkloadDeploymentReconciler.matters(scaledUp, before)).isFalse();

    WorkloadReplicaSet counted = Serialization.clone(scaledUp);
    ReplicaSetStatus counts = new ReplicaSetStatus();
    counts.setExpected(1);
    counts.setCurrent(1);
    counts.setReady(0);
    counts.setUnavailable(1);
    counted.getStatus().setReplicas(counts);
    assertThat(WorkloadDeploymentReconciler.matters(counted, scaledUp)).isTrue();

    WorkloadReplicaSet edited = Serialization.clone(counted);
    edited.getMetadata().setGeneration(2L);
    assertThat(WorkloadDeploymentReconciler.matters(edited, counted)).isTrue();
  }

  @Test
  void aSettledPassReadsNothingFromTheServer() throws Exception {
    // the sets come from the informer cache: a LIST of the namespace per pass made N deployments
    // cost O(N²) on the API server (1,000 never got Ready)
    WorkloadDeployment d = deployment("cached", 1, "ghcr.io/x/c:1", null);
    settle(d);
    WorkloadReplicaSet rs = sets(d).get(0);
    ready(rs, 1);
    settle(d);
    WorkloadDeployment cached = stored(d);
    assertThat(Conditions.isTrue(cached.getStatus(), ConditionTypes.READY)).isTrue();
    List<WorkloadReplicaSet> cache = sets(d);
    while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
      // drop what the set-up asked
    }

    reconciler.reconcile(cached, CacheContext.snapshot(client, cache));

    List<String> asked = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      asked.add(r.getMethod() + " " + r.getPath());
    }
    assertThat(asked).isEmpty();
  }

  @Test
  void aSetCreatedByAnEarlierPassIsNotCreatedAgainWhileTheCopyIsStale() throws Exception {
    WorkloadDeployment d = deployment("stale", 1, "ghcr.io/x/s:1", null);
    // the first pass creates the set; the copy handed to the passes after it stays the one from
    // before (no status, no currentReplicaSet), as an informer that lags behind would
    WorkloadDeployment stale = stored(d);
    assertThat(stale.getStatus()).isNull();
    for (int i = 0; i < 3; i++) {
      reconciler.reconcile(Serialization.clone(stale), CacheContext.of(client, stale));
    }
    assertThat(stored(d).getStatus().getCurrentReplicaSet()).isNotNull();
    assertThat(sets(d)).hasSize(1);
  }

  private void settle(WorkloadDeployment d) throws Exception {
    for (int i = 0; i < 8; i++) {
      WorkloadDeployment cached = stored(d);
      reconciler.reconcile(cached, CacheContext.of(client, cached));
    }
  }

  private WorkloadDeployment stored(WorkloadDeployment d) {
    return client.resource(d).get();
  }

  private List<WorkloadReplicaSet> sets(WorkloadDeployment d) {
    WorkloadDeployment stored = stored(d);
    return client.resources(WorkloadReplicaSet.class).inNamespace(ns).list().getItems().stream()
        .filter(rs -> Secondaries.controlledBy(rs, stored))
        .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private void image(WorkloadDeployment d, String image) {
    WorkloadDeployment edited = stored(d);
    edited.getSpec().getTemplate().getSpec().getComponents().get(0).setImage(image);
    client.resource(edited).update();
  }

  // what the ReplicaSet controller reports once its Workloads are Ready
  private static void ready(WorkloadReplicaSet rs, int replicas) {
    WorkloadReplicaSet current = client.resource(rs).get();
    WorkloadReplicaSetStatus s =
        current.getStatus() == null ? new WorkloadReplicaSetStatus() : current.getStatus();
    ReplicaSetStatus counts = new ReplicaSetStatus();
    counts.setExpected(replicas);
    counts.setCurrent(replicas);
    counts.setReady(replicas);
    counts.setUnavailable(0);
    s.setReplicas(counts);
    Conditions.set(
        s,
        Conditions.of(
            ConditionTypes.READY,
            ConditionStatus.TRUE,
            ConditionReasons.AVAILABLE,
            null,
            1L,
            Instant.now()));
    current.setStatus(s);
    client.resource(current).updateStatus();
  }
}
