package virga.operator.controller.deployment;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.Arrays;
import java.util.List;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.ReplicaSetStatus;
import virga.crds.v1alpha1.WorkloadDeployment;
import virga.crds.v1alpha1.WorkloadDeploymentStatus;
import virga.crds.v1alpha1.WorkloadReplicaSet;
import virga.operator.conditions.ConditionedReconciler;
import virga.operator.conditions.Conditions;
import virga.operator.controller.WorkloadSettings;
import virga.operator.events.EventRecorder;

/**
 * Rolls a WorkloadDeployment out as WorkloadReplicaSets (conditions Artifact, Sync, Deploy, Scale,
 * Ready; interval 1 min): RollingUpdate keeps the previous set until the current one is Ready,
 * Recreate drops it at once; keeps the /scale status fields up to date.
 */
@ControllerConfiguration(name = WorkloadDeploymentReconciler.NAME)
public final class WorkloadDeploymentReconciler implements Reconciler<WorkloadDeployment> {
  public static final String NAME = "workload-deployment";

  private final ConditionedReconciler<WorkloadDeployment, WorkloadDeploymentStatus> conditions;

  public WorkloadDeploymentReconciler(EventRecorder events, WorkloadSettings settings) {
    DeploymentConditions f = new DeploymentConditions(events);
    this.conditions =
        ConditionedReconciler.<WorkloadDeployment, WorkloadDeploymentStatus>builder(
                WorkloadDeploymentStatus::new)
            .interval(settings.deploymentInterval())
            .condition(DeploymentConditions.ARTIFACT, f::artifact)
            .condition(ConditionTypes.SYNC, f::sync)
            .condition(DeploymentConditions.DEPLOY, f::deploy)
            .condition(DeploymentConditions.SCALE, f::scale)
            .condition(ConditionTypes.READY, f::ready)
            .build();
  }

  /** The condition engine, for tests that drive passes by hand. */
  public ConditionedReconciler<WorkloadDeployment, WorkloadDeploymentStatus> conditions() {
    return conditions;
  }

  @Override
  public UpdateControl<WorkloadDeployment> reconcile(
      WorkloadDeployment cached, Context<WorkloadDeployment> context) throws Exception {
    // the cached copy will do: a set is only created when none of the template's hash is among the
    // sets the informer cache (which includes the ones created by earlier passes) shows, so a stale
    // currentReplicaSet cannot create a second one
    if (cached.getMetadata().getDeletionTimestamp() != null) {
      return UpdateControl.noUpdate();
    }
    return conditions.reconcile(cached, context);
  }

  @Override
  public List<EventSource<?, WorkloadDeployment>> prepareEventSources(
      EventSourceContext<WorkloadDeployment> context) {
    var config =
        InformerEventSourceConfiguration.from(WorkloadReplicaSet.class, WorkloadDeployment.class)
            .withSecondaryToPrimaryMapper(
                Mappers.<WorkloadReplicaSet>fromOwnerReferences(WorkloadDeployment.class, false))
            .withOnUpdateFilter(WorkloadDeploymentReconciler::matters)
            .build();
    return List.of(new InformerEventSource<>(config, context));
  }

  /**
   * Whether a set's update can change a decision of this controller: its owner, deletion, spec
   * (generation), replica counts or Ready; a set writes its status several times on its way to
   * Ready, and each write reconciled the deployment.
   */
  static boolean matters(WorkloadReplicaSet now, WorkloadReplicaSet before) {
    return !view(now).equals(view(before));
  }

  private static List<Object> view(WorkloadReplicaSet rs) {
    ReplicaSetStatus counts = rs.getStatus() == null ? null : rs.getStatus().getReplicas();
    return Arrays.asList(
        rs.getMetadata().getOwnerReferences(),
        rs.getMetadata().getDeletionTimestamp(),
        rs.getMetadata().getGeneration(),
        counts == null
            ? null
            : Arrays.asList(
                counts.getExpected(),
                counts.getCurrent(),
                counts.getReady(),
                counts.getUnavailable()),
        Conditions.isTrue(rs.getStatus(), ConditionTypes.READY));
  }
}
