package virga.operator.controller;

import java.time.Duration;
import java.util.Objects;
import virga.operator.scheduling.SchedulingPolicy;

/**
 * Knobs of the Workload, ReplicaSet and Deployment controllers; tests shorten the intervals.
 *
 * @param hostNamespace where Host objects live (the operator's namespace)
 * @param policy the scheduling policy
 * @param workloadInterval Workload requeue when nothing changed (wasmCloud: 30 s)
 * @param replicaSetInterval ReplicaSet requeue (1 min)
 * @param deploymentInterval Deployment requeue (1 min)
 * @param unhealthyGrace how long a current Workload's Sync may be not True before it is replaced
 */
public record WorkloadSettings(
    String hostNamespace,
    SchedulingPolicy policy,
    Duration workloadInterval,
    Duration replicaSetInterval,
    Duration deploymentInterval,
    Duration unhealthyGrace) {

  public WorkloadSettings {
    Objects.requireNonNull(hostNamespace, "hostNamespace");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(workloadInterval, "workloadInterval");
    Objects.requireNonNull(replicaSetInterval, "replicaSetInterval");
    Objects.requireNonNull(deploymentInterval, "deploymentInterval");
    Objects.requireNonNull(unhealthyGrace, "unhealthyGrace");
  }

  /** wasmCloud's timings with hosts in {@code hostNamespace}. */
  public static WorkloadSettings defaults(String hostNamespace) {
    return new WorkloadSettings(
        hostNamespace,
        SchedulingPolicy.DEFAULT,
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1),
        Duration.ofMinutes(1));
  }

  /** The same with other intervals (tests). */
  public WorkloadSettings withIntervals(Duration all, Duration grace) {
    return new WorkloadSettings(hostNamespace, policy, all, all, all, grace);
  }
}
