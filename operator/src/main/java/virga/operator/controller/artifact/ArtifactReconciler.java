package virga.operator.controller.artifact;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import virga.crds.v1alpha1.Artifact;
import virga.crds.v1alpha1.ArtifactStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.operator.conditions.ConditionResult;
import virga.operator.conditions.ConditionedReconciler;
import virga.operator.conditions.Conditions;
import virga.operator.conditions.Reconciliation;

/**
 * The open-source Artifact controller of wasmCloud ({@code artifact_controller.go}): {@code Sync}
 * publishes {@code spec.image} as {@code status.artifactUrl}; {@code Published} and {@code Ready}
 * follow. {@code --disable-artifact-controller} leaves Artifacts to an external controller.
 */
@ControllerConfiguration(name = ArtifactReconciler.NAME)
public class ArtifactReconciler implements Reconciler<Artifact> {
  public static final String NAME = "artifact";

  private final ConditionedReconciler<Artifact, ArtifactStatus> conditions;

  public ArtifactReconciler(Clock clock) {
    this.conditions =
        ConditionedReconciler.<Artifact, ArtifactStatus>builder(ArtifactStatus::new)
            .interval(Duration.ofMinutes(1))
            .clock(clock)
            .condition(ConditionTypes.SYNC, this::sync)
            .condition(ConditionTypes.PUBLISHED, this::published)
            .condition(ConditionTypes.READY, this::ready)
            .build();
  }

  /** The condition engine, for tests that drive passes without JOSDK. */
  public ConditionedReconciler<Artifact, ArtifactStatus> conditions() {
    return conditions;
  }

  @Override
  public UpdateControl<Artifact> reconcile(Artifact artifact, Context<Artifact> context)
      throws Exception {
    return conditions.reconcile(artifact, context);
  }

  ConditionResult sync(Artifact artifact, Reconciliation<Artifact> r) {
    String image = artifact.getSpec() == null ? null : artifact.getSpec().getImage();
    if (image == null || image.isBlank()) {
      return ConditionResult.error("spec.image is empty");
    }
    ArtifactStatus status = artifact.getStatus();
    Long generation = artifact.getMetadata().getGeneration();
    if (!image.equals(status.getArtifactUrl())
        || !Objects.equals(generation, status.getObservedGeneration())) {
      status.setArtifactUrl(image);
      status.setObservedGeneration(generation);
      r.forceStatusUpdate();
    }
    return ConditionResult.ok();
  }

  ConditionResult published(Artifact artifact, Reconciliation<Artifact> r) {
    String url = artifact.getStatus().getArtifactUrl();
    return url == null || url.isBlank()
        ? ConditionResult.error("the artifact has no URL yet")
        : ConditionResult.ok();
  }

  ConditionResult ready(Artifact artifact, Reconciliation<Artifact> r) {
    for (String type : new String[] {ConditionTypes.SYNC, ConditionTypes.PUBLISHED}) {
      if (!Conditions.isTrue(artifact.getStatus(), type)) {
        return ConditionResult.error(type + " is not True");
      }
    }
    return ConditionResult.ok();
  }
}
