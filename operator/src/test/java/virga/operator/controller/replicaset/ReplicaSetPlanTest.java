package virga.operator.controller.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Labels;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadStatus;
import virga.operator.conditions.Conditions;

class ReplicaSetPlanTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
  private static final Duration GRACE = Duration.ofMinutes(1);

  static Workload w(String name, String hash, boolean ready, String created) {
    Workload w = new Workload();
    w.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withCreationTimestamp(created)
            .addToAnnotations(Labels.WORKLOAD_REPLICA_SET_GENERATION, hash)
            .build());
    WorkloadStatus s = new WorkloadStatus();
    Conditions.set(
        s,
        Conditions.of(
            ConditionTypes.READY,
            ready ? ConditionStatus.TRUE : ConditionStatus.FALSE,
            null,
            null,
            1L,
            NOW));
    w.setStatus(s);
    return w;
  }

  @Test
  void scalesUpToTheReplicaCountIgnoringOldAndDeletingWorkloads() {
    Workload deleting = w("d", "h", true, "2026-01-01T00:00:00Z");
    deleting.getMetadata().setDeletionTimestamp("2026-01-01T00:09:00Z");
    List<Workload> owned =
        List.of(w("a", "h", true, "2026-01-01T00:00:00Z"), w("o", "old", true, "x"), deleting);

    ReplicaSetPlan plan = ReplicaSetPlan.of(3, "h", owned, NOW, GRACE);

    assertThat(plan.toCreate()).isEqualTo(2);
    assertThat(plan.old()).extracting(x -> x.getMetadata().getName()).containsExactly("o");
    assertThat(plan.counts().getCurrent()).isEqualTo(1);
    assertThat(plan.counts().getReady()).isEqualTo(1);
    assertThat(plan.counts().getExpected()).isEqualTo(3);
  }

  @Test
  void scalesDownNotReadyFirstThenNewest() {
    List<Workload> owned = new ArrayList<>();
    owned.add(w("old-ready", "h", true, "2026-01-01T00:00:01Z"));
    owned.add(w("new-ready", "h", true, "2026-01-01T00:00:05Z"));
    owned.add(w("not-ready", "h", false, "2026-01-01T00:00:00Z"));
    owned.add(w("mid-ready", "h", true, "2026-01-01T00:00:03Z"));

    ReplicaSetPlan plan = ReplicaSetPlan.of(2, "h", owned, NOW, GRACE);

    assertThat(plan.toCreate()).isZero();
    assertThat(plan.toDelete())
        .extracting(x -> x.getMetadata().getName())
        .containsExactly("not-ready", "new-ready");
    assertThat(plan.counts().getUnavailable()).isEqualTo(1);
  }

  @Test
  void replacesCurrentWorkloadsWhoseSyncIsNotTrueForLongerThanTheGrace() {
    Workload fresh = w("fresh", "h", false, "t");
    Conditions.set(
        fresh.getStatus(),
        Conditions.of(
            ConditionTypes.SYNC, ConditionStatus.FALSE, null, "x", 1L, NOW.minusSeconds(30)));
    Workload stale = w("stale", "h", false, "t");
    Conditions.set(
        stale.getStatus(),
        Conditions.of(
            ConditionTypes.SYNC, ConditionStatus.FALSE, null, "x", 1L, NOW.minusSeconds(61)));
    Workload healthy = w("healthy", "h", true, "t");
    Conditions.set(
        healthy.getStatus(),
        Conditions.of(
            ConditionTypes.SYNC, ConditionStatus.TRUE, null, null, 1L, NOW.minusSeconds(600)));

    ReplicaSetPlan plan = ReplicaSetPlan.of(3, "h", List.of(fresh, stale, healthy), NOW, GRACE);

    assertThat(plan.unhealthy())
        .extracting(x -> x.getMetadata().getName())
        .containsExactly("stale");
  }
}
