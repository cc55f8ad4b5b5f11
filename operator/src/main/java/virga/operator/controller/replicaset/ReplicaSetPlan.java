package virga.operator.controller.replicaset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Labels;
import virga.crds.v1alpha1.ReplicaSetStatus;
import virga.crds.v1alpha1.Workload;
import virga.operator.conditions.Conditions;

/**
 * What a WorkloadReplicaSet must do with its Workloads; pure.
 *
 * @param current Workloads of the current template hash (not being deleted)
 * @param old Workloads of another hash
 * @param toCreate how many Workloads to add
 * @param toDelete current Workloads to remove to scale down (not Ready first, then newest)
 * @param unhealthy current Workloads whose Sync has not been True for longer than the grace
 * @param counts the status counts
 */
public record ReplicaSetPlan(
    List<Workload> current,
    List<Workload> old,
    int toCreate,
    List<Workload> toDelete,
    List<Workload> unhealthy,
    ReplicaSetStatus counts) {

  /** The plan for {@code replicas} of {@code hash} given the owned Workloads. */
  public static ReplicaSetPlan of(
      int replicas, String hash, List<Workload> owned, Instant now, Duration grace) {
    List<Workload> current = new ArrayList<>();
    List<Workload> old = new ArrayList<>();
    for (Workload w : owned) {
      if (w.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      (hash.equals(generation(w)) ? current : old).add(w);
    }
    int toCreate = Math.max(0, replicas - current.size());
    List<Workload> toDelete = new ArrayList<>();
    if (current.size() > replicas) {
      List<Workload> order = new ArrayList<>(current);
      order.sort(
          Comparator.comparing((Workload w) -> ready(w) ? 1 : 0)
              .thenComparing(
                  (Workload w) -> String.valueOf(w.getMetadata().getCreationTimestamp()),
                  Comparator.reverseOrder())
              .thenComparing(w -> w.getMetadata().getName()));
      toDelete.addAll(order.subList(0, current.size() - replicas));
    }
    List<Workload> unhealthy =
        current.stream().filter(w -> !toDelete.contains(w) && unhealthy(w, now, grace)).toList();
    int ready = (int) current.stream().filter(ReplicaSetPlan::ready).count();
    ReplicaSetStatus counts = new ReplicaSetStatus();
    counts.setExpected(replicas);
    counts.setCurrent(current.size());
    counts.setReady(ready);
    counts.setUnavailable(current.size() - ready);
    return new ReplicaSetPlan(current, old, toCreate, toDelete, unhealthy, counts);
  }

  /** The template hash a Workload was created from. */
  public static String generation(Workload w) {
    Map<String, String> a = w.getMetadata().getAnnotations();
    return a == null ? null : a.get(Labels.WORKLOAD_REPLICA_SET_GENERATION);
  }

  static boolean ready(Workload w) {
    return w.getStatus() != null && Conditions.isTrue(w.getStatus(), ConditionTypes.READY);
  }

  // wasmCloud: Sync not True and its lastTransitionTime older than the grace period
  static boolean unhealthy(Workload w, Instant now, Duration grace) {
    return Conditions.find(w.getStatus(), ConditionTypes.SYNC)
        .filter(c -> !ConditionStatus.TRUE.equals(c.getStatus()))
        .filter(c -> c.getLastTransitionTime() != null)
        .map(c -> c.getLastTransitionTime().plus(grace).isBefore(now))
        .orElse(false);
  }
}
