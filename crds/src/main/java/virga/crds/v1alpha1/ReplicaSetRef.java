package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Reference by name to a WorkloadReplicaSet owned by a WorkloadDeployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicaSetRef {

  @JsonPropertyDescription("Name of the WorkloadReplicaSet in the same namespace.")
  private String name;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
