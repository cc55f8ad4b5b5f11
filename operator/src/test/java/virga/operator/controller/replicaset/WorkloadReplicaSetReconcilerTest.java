package virga.operator.controller.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.ConditionReasons;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadReplicaSet;
import virga.crds.v1alpha1.WorkloadStatus;
import virga.operator.cache.CacheContext;
import virga.operator.conditions.Conditions;
import virga.operator.controller.WorkloadSettings;
import virga.operator.events.RecordingEvents;

/** {@link WorkloadReplicaSetReconciler#reconcile} on the fabric8 CRUD mock. */
@EnableKubernetesMockClient(crud = true, https = false)
class WorkloadReplicaSetReconcilerTest {
  static KubernetesClient client;

  private static final Duration GRACE = Duration.ofSeconds(30);

  private final RecordingEvents events = new RecordingEvents();
  private final AtomicBoolean busStable = new AtomicBoolean(true);
  private WorkloadReplicaSetReconciler reconciler;
  private String ns;

  @BeforeEach
  void setUp() {
    ns = "rs" + UUID.randomUUID().toString().substring(0, 6);
    reconciler =
        new WorkloadReplicaSetReconciler(
            events,
            WorkloadSettings.defaults("hosts").withIntervals(Duration.ofSeconds(10), GRACE),
            window -> busStable.get());
  }

  @Test
  void scalesUpFromNothingAndReportsTheCountsThenReady() throws Exception {
    WorkloadReplicaSet rs = replicaSet("web", 3, "ghcr.io/x/web:1");

    UpdateControl<WorkloadReplicaSet> first = reconcile(rs);
    assertThat(first.getScheduleDelay()).contains(Duration.ofSeconds(1).toMillis());
    List<Workload> owned = owned(rs);
    assertThat(owned).hasSize(3);
    String hash = TemplateHash.of(rs.getSpec().getTemplate().getSpec());
    assertThat(owned)
        .allSatisfy(
            w -> {
              assertThat(ReplicaSetPlan.generation(w)).isEqualTo(hash);
              assertThat(w.getMetadata().getName()).startsWith("web-");
              assertThat(w.getSpec().getComponents().get(0).getImage())
                  .isEqualTo("ghcr.io/x/web:1");
            });
    assertThat(events.reasons()).containsOnly("ScaledUp");

    settle(rs);
    WorkloadReplicaSet notYet = stored(rs);
    assertThat(Conditions.isFalse(notYet.getStatus(), ConditionTypes.READY)).isTrue();
    assertThat(Conditions.find(notYet.getStatus(), ConditionTypes.READY).get().getMessage())
        .isEqualTo("0 of 3 replicas are ready");
    assertThat(notYet.getStatus().getReplicas().getExpected()).isEqualTo(3);
    assertThat(notYet.getStatus().getReplicas().getCurrent()).isEqualTo(3);
    assertThat(notYet.getStatus().getReplicas().getUnavailable()).isEqualTo(3);
    assertThat(owned(rs)).as("no more created while they get ready").hasSize(3);

    owned(rs).forEach(w -> condition(w, ConditionTypes.READY, ConditionStatus.TRUE, null));
    settle(rs);
    WorkloadReplicaSet ready = stored(rs);
    assertThat(Conditions.isTrue(ready.getStatus(), ConditionTypes.READY)).isTrue();
    assertThat(ready.getStatus().getReplicas().getReady()).isEqualTo(3);
    assertThat(ready.getStatus().getReplicas().getUnavailable()).isZero();
  }

  @Test
  void scalesDownRemovingReplicasThatAreNotReadyFirst() throws Exception {
    WorkloadReplicaSet rs = replicaSet("down", 3, "ghcr.io/x/down:1");
    settle(rs);
    List<Workload> three = owned(rs);
    Workload notReady = three.get(1);
    for (Workload w : three) {
      if (w != notReady) {
        condition(w, ConditionTypes.READY, ConditionStatus.TRUE, null);
      }
    }

    scale(rs, 2);
    settle(rs);

    List<Workload> left = owned(rs);
    assertThat(left).hasSize(2);
    assertThat(left)
        .extracting(w -> w.getMetadata().getName())
        .doesNotContain(notReady.getMetadata().getName());
    assertThat(events.reasons()).contains("ScaledDown");
    assertThat(Conditions.isTrue(stored(rs).getStatus(), ConditionTypes.READY)).isTrue();
  }

  @Test
  void aWorkloadOutOfSyncLongerThanTheGraceIsReplacedButOnlyWhileTheBusIsStable() throws Exception {
    WorkloadReplicaSet rs = replicaSet("sick", 1, "ghcr.io/x/sick:1");
    settle(rs);
    Workload sick = owned(rs).get(0);
    condition(
        sick,
        ConditionTypes.SYNC,
        ConditionStatus.FALSE,
        Instant.now().minus(GRACE.multipliedBy(2)));

    busStable.set(false); // e.g. the operator's NATS connection just came back
    settle(rs);
    assertThat(owned(rs))
        .extracting(w -> w.getMetadata().getUid())
        .containsExactly(sick.getMetadata().getUid());
    assertThat(events.reasons()).doesNotContain("ReplacingUnhealthy");

    busStable.set(true);
    reconcile(rs);
    assertThat(events.reasons()).contains("ReplacingUnhealthy");
    settle(rs);
    List<Workload> now = owned(rs);
    assertThat(now).hasSize(1);
    assertThat(now.get(0).getMetadata().getUid()).isNotEqualTo(sick.getMetadata().getUid());
  }

  @Test
  void aNewTemplateReplacesTheWorkloadsOfTheOldOne() throws Exception {
    WorkloadReplicaSet rs = replicaSet("tpl", 2, "ghcr.io/x/tpl:1");
    settle(rs);
    List<String> before = owned(rs).stream().map(w -> w.getMetadata().getName()).toList();

    WorkloadReplicaSet edited = stored(rs);
    edited.getSpec().getTemplate().getSpec().getComponents().get(0).setImage("ghcr.io/x/tpl:2");
    client.resource(edited).update();
    settle(rs);

    List<Workload> now = owned(rs);
    assertThat(now).hasSize(2);
    assertThat(now).extracting(w -> w.getMetadata().getName()).doesNotContainAnyElementsOf(before);
    assertThat(now)
        .allSatisfy(
            w ->
                assertThat(w.getSpec().getComponents().get(0).getImage())
                    .isEqualTo("ghcr.io/x/tpl:2"));
  }

  @Test
  void onlyWorkloadUpdatesThatCanChangeADecisionReconcileTheSet() {
    Workload before = new Workload();
    before.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("w").build());
    before.setStatus(new virga.crds.v1alpha1.WorkloadStatus());
    Workload placed = Serialization.clone(before);
    placed.getStatus().setHostId("h1");
    placed.getStatus().setWorkloadId("id");
    Conditions.set(
        placed.getStatus(),
        Conditions.of(
            ConditionTypes.PLACEMENT, ConditionStatus.TRUE, null, null, 1L, Instant.now()));
    assertThat(WorkloadReplicaSetReconciler.matters(placed, before)).isFalse();

    Workload ready = Serialization.clone(placed);
    Conditions.set(
        ready.getStatus(),
        Conditions.of(ConditionTypes.READY, ConditionStatus.TRUE, null, null, 1L, Instant.now()));
    assertThat(WorkloadReplicaSetReconciler.matters(ready, placed)).isTrue();

    Workload outOfSync = Serialization.clone(ready);
    Conditions.set(
        outOfSync.getStatus(),
        Conditions.of(ConditionTypes.SYNC, ConditionStatus.FALSE, null, "x", 1L, Instant.now()));
    assertThat(WorkloadReplicaSetReconciler.matters(outOfSync, ready)).isTrue();

    Workload deleting = Serialization.clone(ready);
    deleting.getMetadata().setDeletionTimestamp(Instant.now().toString());
    assertThat(WorkloadReplicaSetReconciler.matters(deleting, ready)).isTrue();
  }

  @Test
  void aDeletedOrDeletingSetIsLeftAlone() throws Exception {
    WorkloadReplicaSet rs = replicaSet("gone", 1, "ghcr.io/x/gone:1");
    // JOSDK hands a set that is being deleted with its deletionTimestamp (one already gone is not
    // reconciled at all)
    WorkloadReplicaSet deleting = stored(rs);
    deleting.getMetadata().setDeletionTimestamp(Instant.now().toString());
    client.resource(rs).delete();
    UpdateControl<WorkloadReplicaSet> control =
        reconciler.reconcile(deleting, CacheContext.of(client, deleting));
    assertThat(control.isNoUpdate()).isTrue();
    assertThat(control.getScheduleDelay()).isEmpty();
    assertThat(client.resources(Workload.class).inNamespace(ns).list().getItems()).isEmpty();
  }

  // ---- helpers ----

  private WorkloadReplicaSet replicaSet(String name, int replicas, String image) {
    WorkloadReplicaSet rs =
        Serialization.unmarshal(
            "apiVersion: runtime.wasmcloud.dev/v1alpha1\n"
                + "kind: WorkloadReplicaSet\n"
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
                + "  template:\n"
                + "    labels: { app: "
                + name
                + " }\n"
                + "    spec:\n"
                + "      components:\n"
                + "        - name: app\n"
                + "          image: "
                + image
                + "\n",
            WorkloadReplicaSet.class);
    return client.resource(rs).create();
  }

  private UpdateControl<WorkloadReplicaSet> reconcile(WorkloadReplicaSet rs) throws Exception {
    // JOSDK hands the reconciler its cached copy (here: what the server has) and a context whose
    // informer cache holds the set's Workloads
    WorkloadReplicaSet cached = stored(rs);
    return reconciler.reconcile(cached, CacheContext.of(client, cached));
  }

  private void settle(WorkloadReplicaSet rs) throws Exception {
    for (int i = 0; i < 6; i++) {
      reconcile(rs);
    }
  }

  private WorkloadReplicaSet stored(WorkloadReplicaSet rs) {
    return client.resource(rs).get();
  }

  private List<Workload> owned(WorkloadReplicaSet rs) {
    return ReplicaSetWorkloads.owned(client, stored(rs));
  }

  private void scale(WorkloadReplicaSet rs, int replicas) {
    WorkloadReplicaSet edited = stored(rs);
    edited.getSpec().setReplicas(replicas);
    client.resource(edited).update();
  }

  private static void condition(Workload w, String type, String status, Instant since) {
    Workload current = client.resource(w).get();
    WorkloadStatus s = current.getStatus() == null ? new WorkloadStatus() : current.getStatus();
    Instant at = since == null ? Instant.now() : since;
    Conditions.set(
        s,
        Conditions.of(
            type,
            status,
            ConditionStatus.TRUE.equals(status) ? ConditionReasons.AVAILABLE : "Reconcile",
            null,
            1L,
            at));
    current.setStatus(s);
    client.resource(current).updateStatus();
  }
}
