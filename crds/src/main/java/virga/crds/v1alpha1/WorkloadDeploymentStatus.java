package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;

/** Observed state of a WorkloadDeployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadDeploymentStatus extends ConditionedStatus {

  @JsonPropertyDescription("The WorkloadReplicaSet running the current template.")
  private ReplicaSetRef currentReplicaSet;

  @JsonPropertyDescription(
      "The WorkloadReplicaSet of the previous template while a rollout is in progress.")
  private ReplicaSetRef previousReplicaSet;

  @JsonPropertyDescription("Workload counts of the current WorkloadReplicaSet.")
  private ReplicaSetStatus replicas;

  @JsonPropertyDescription(
      "Number of current Workloads; mirrors replicas.current for the scale subresource.")
  @StatusReplicas
  private Integer currentReplicas;

  @JsonPropertyDescription(
      "Label selector matching the Workloads of this deployment, for the scale subresource.")
  @LabelSelector
  private String selector;

  public ReplicaSetRef getCurrentReplicaSet() {
    return currentReplicaSet;
  }

  public void setCurrentReplicaSet(ReplicaSetRef currentReplicaSet) {
    this.currentReplicaSet = currentReplicaSet;
  }

  public ReplicaSetRef getPreviousReplicaSet() {
    return previousReplicaSet;
  }

  public void setPreviousReplicaSet(ReplicaSetRef previousReplicaSet) {
    this.previousReplicaSet = previousReplicaSet;
  }

  public ReplicaSetStatus getReplicas() {
    return replicas;
  }

  public void setReplicas(ReplicaSetStatus replicas) {
    this.replicas = replicas;
  }

  public Integer getCurrentReplicas() {
    return currentReplicas;
  }

  public void setCurrentReplicas(Integer currentReplicas) {
    this.currentReplicas = currentReplicas;
  }

  public String getSelector() {
    return selector;
  }

  public void setSelector(String selector) {
    this.selector = selector;
  }
}
