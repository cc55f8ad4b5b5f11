package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Observed state of a Workload: where it runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadStatus extends ConditionedStatus {

  @JsonPropertyDescription("Id of the host the workload is placed on.")
  private String hostId;

  @JsonPropertyDescription("Environment of the host the workload is placed on.")
  private String environment;

  @JsonPropertyDescription("Id of the workload on the host (the Workload's Kubernetes UID).")
  private String workloadId;

  public String getHostId() {
    return hostId;
  }

  public void setHostId(String hostId) {
    this.hostId = hostId;
  }

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  public String getWorkloadId() {
    return workloadId;
  }

  public void setWorkloadId(String workloadId) {
    this.workloadId = workloadId;
  }
}
