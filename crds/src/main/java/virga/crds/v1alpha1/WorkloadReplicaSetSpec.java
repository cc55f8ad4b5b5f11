package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** Desired state of a WorkloadReplicaSet: how many Workloads of one template. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadReplicaSetSpec {

  @JsonPropertyDescription("Desired number of Workloads. Defaults to 1.")
  @Default("1")
  private Integer replicas;

  @JsonPropertyDescription("Template for the Workloads of this replica set.")
  @Required
  private WorkloadReplicaTemplate template;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public WorkloadReplicaTemplate getTemplate() {
    return template;
  }

  public void setTemplate(WorkloadReplicaTemplate template) {
    this.template = template;
  }
}
