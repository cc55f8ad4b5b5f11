package virga.operator.controller.replicaset;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.ReplicaSetStatus;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadReplicaSet;
import virga.crds.v1alpha1.WorkloadReplicaSetStatus;
import virga.operator.cache.Secondaries;
import virga.operator.conditions.ConditionResult;
import virga.operator.conditions.ConditionedReconciler;
import virga.operator.conditions.Conditions;
import virga.operator.conditions.Reconciliation;
import virga.operator.controller.WorkloadSettings;
import virga.operator.events.EventRecorder;

/**
 * Keeps {@code spec.replicas} Workloads of the current template (conditions ScaleUp, ScaleDown,
 * Ready; interval 1 min); afterwards deletes Workloads of an old template and current ones whose
 * Sync has been not True for longer than the grace period, so they are recreated.
 */
@ControllerConfiguration(name = WorkloadReplicaSetReconciler.NAME)
public final class WorkloadReplicaSetReconciler implements Reconciler<WorkloadReplicaSet> {
  public static final String NAME = "workload-replicaset";

  private static final Logger LOG = LoggerFactory.getLogger(WorkloadReplicaSetReconciler.class);

  private final ConditionedReconciler<WorkloadReplicaSet, WorkloadReplicaSetStatus> conditions;
  private final EventRecorder events;
  private final Duration grace;
  private final Duration busWindow;
  private final Predicate<Duration> busStableFor;

  /** A reconciler that trusts the bus always (no NATS outage to tell apart). */
  public WorkloadReplicaSetReconciler(EventRecorder events, WorkloadSettings settings) {
    this(events, settings, window -> true);
  }

  /**
   * A reconciler that replaces unhealthy Workloads only once {@code busStableFor} says the
   * operator's NATS connection has been up for the grace plus one Workload interval: a Workload
   * looks out of sync whenever the operator cannot reach its host, including when the operator's
   * own bus is down (wasmCloud PR #5502), and after a reconnect each Workload needs one pass to see
   * its host again.
   */
  public WorkloadReplicaSetReconciler(
      EventRecorder events, WorkloadSettings settings, Predicate<Duration> busStableFor) {
    this.events = Objects.requireNonNull(events, "events");
    this.grace = settings.unhealthyGrace();
    this.busWindow = grace.plus(settings.workloadInterval());
    this.busStableFor = Objects.requireNonNull(busStableFor, "busStableFor");
    this.conditions =
        ConditionedReconciler.<WorkloadReplicaSet, WorkloadReplicaSetStatus>builder(
                WorkloadReplicaSetStatus::new)
            .interval(settings.replicaSetInterval())
            .condition(ConditionTypes.SCALE_UP, this::scaleUp)
            .condition(ConditionTypes.SCALE_DOWN, this::scaleDown)
            .condition(ConditionTypes.READY, this::ready)
            .postHook(this::cleanup)
            .build();
  }

  /** The condition engine, for tests that drive passes by hand. */
  public ConditionedReconciler<WorkloadReplicaSet, WorkloadReplicaSetStatus> conditions() {
    return conditions;
  }

  @Override
  public UpdateControl<WorkloadReplicaSet> reconcile(
      WorkloadReplicaSet cached, Context<WorkloadReplicaSet> context) throws Exception {
    // the cached copy will do: Workloads are counted from the informer cache, which shows the ones
    // earlier passes created at once (Secondaries.create), so a stale copy cannot overshoot
    if (cached.getMetadata().getDeletionTimestamp() != null) {
      return UpdateControl.noUpdate();
    }
    return conditions.reconcile(cached, context);
  }

  @Override
  public List<EventSource<?, WorkloadReplicaSet>> prepareEventSources(
      EventSourceContext<WorkloadReplicaSet> context) {
    var config =
        InformerEventSourceConfiguration.from(Workload.class, WorkloadReplicaSet.class)
            .withSecondaryToPrimaryMapper(
                Mappers.<Workload>fromOwnerReferences(WorkloadReplicaSet.class, false))
            .withOnUpdateFilter(WorkloadReplicaSetReconciler::matters)
            .build();
    return List.of(new InformerEventSource<>(config, context));
  }

  /**
   * Whether a Workload update can change a decision of this controller: its owner, deletion,
   * template hash, Ready (the counts) or Sync (replacement after the grace). Each Workload writes
   * its status five times and an annotation on its way to Ready; without this every write
   * reconciled its set.
   */
  static boolean matters(Workload now, Workload before) {
    return !view(now).equals(view(before));
  }

  private static List<Object> view(Workload w) {
    return Arrays.asList(
        w.getMetadata().getOwnerReferences(),
        w.getMetadata().getDeletionTimestamp(),
        ReplicaSetPlan.generation(w),
        ReplicaSetPlan.ready(w),
        Conditions.find(w.getStatus(), ConditionTypes.SYNC)
            .map(c -> c.getStatus() + "@" + c.getLastTransitionTime())
            .orElse(null));
  }

  private ReplicaSetPlan plan(WorkloadReplicaSet rs, Reconciliation<WorkloadReplicaSet> r) {
    int replicas = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    String hash = TemplateHash.of(rs.getSpec().getTemplate().getSpec());
    return ReplicaSetPlan.of(
        replicas,
        hash,
        Secondaries.owned(r.context(), r.client(), rs, Workload.class),
        r.now(),
        grace);
  }

  ConditionResult scaleUp(WorkloadReplicaSet rs, Reconciliation<WorkloadReplicaSet> r) {
    ReplicaSetPlan plan = plan(rs, r);
    String hash = TemplateHash.of(rs.getSpec().getTemplate().getSpec());
    for (int i = 0; i < plan.toCreate(); i++) {
      Workload w = ReplicaSetWorkloads.newWorkload(rs, hash, TemplateHash.randomSuffix());
      Secondaries.create(r.context(), r.client(), w);
      events.normal(rs, "ScaledUp", "created Workload " + w.getMetadata().getName());
    }
    return ConditionResult.ok();
  }

  ConditionResult scaleDown(WorkloadReplicaSet rs, Reconciliation<WorkloadReplicaSet> r) {
    for (Workload w : plan(rs, r).toDelete()) {
      r.client().resource(w).delete();
      events.normal(rs, "ScaledDown", "deleted Workload " + w.getMetadata().getName());
    }
    return ConditionResult.ok();
  }

  ConditionResult ready(WorkloadReplicaSet rs, Reconciliation<WorkloadReplicaSet> r) {
    ReplicaSetStatus counts = plan(rs, r).counts();
    if (!sameCounts(rs.getStatus().getReplicas(), counts)) {
      rs.getStatus().setReplicas(counts);
      r.forceStatusUpdate();
    }
    if (counts.getUnavailable() > 0 || !counts.getCurrent().equals(counts.getExpected())) {
      return ConditionResult.error(
          counts.getReady() + " of " + counts.getExpected() + " replicas are ready");
    }
    return ConditionResult.ok();
  }

  private boolean cleanup(WorkloadReplicaSet rs, Reconciliation<WorkloadReplicaSet> r) {
    ReplicaSetPlan plan = plan(rs, r);
    for (Workload w : plan.old()) {
      r.client().resource(w).delete();
      events.normal(
          rs, "ScaledDown", "deleted Workload " + w.getMetadata().getName() + " (old template)");
    }
    if (plan.toCreate() > 0 || !plan.toDelete().isEmpty()) {
      return true; // scaling not settled yet
    }
    if (!plan.unhealthy().isEmpty() && !busStableFor.test(busWindow)) {
      LOG.info(
          "{}/{}: {} Workload(s) look out of sync, but the NATS connection has not been up for {}"
              + " s; keeping them",
          rs.getMetadata().getNamespace(),
          rs.getMetadata().getName(),
          plan.unhealthy().size(),
          busWindow.toSeconds());
      return true;
    }
    for (Workload w : plan.unhealthy()) {
      r.client().resource(w).delete();
      events.warning(
          rs,
          "ReplacingUnhealthy",
          "Workload "
              + w.getMetadata().getName()
              + " has not been in sync for over "
              + grace.toSeconds()
              + " s; replacing it");
      r.forceRequeue();
    }
    return true;
  }

  private static boolean sameCounts(ReplicaSetStatus a, ReplicaSetStatus b) {
    return a != null
        && Objects.equals(a.getExpected(), b.getExpected())
        && Objects.equals(a.getCurrent(), b.getCurrent())
        && Objects.equals(a.getReady(), b.getReady())
        && Objects.equals(a.getUnavailable(), b.getUnavailable());
  }
}
