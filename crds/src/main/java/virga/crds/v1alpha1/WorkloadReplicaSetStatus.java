package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Observed state of a WorkloadReplicaSet. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadReplicaSetStatus extends ConditionedStatus {

  @JsonPropertyDescription("Workload counts of this replica set.")
  private ReplicaSetStatus replicas;

  public ReplicaSetStatus getReplicas() {
    return replicas;
  }

  public void setReplicas(ReplicaSetStatus replicas) {
    this.replicas = replicas;
  }
}
