package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** Template from which the Workloads of a WorkloadReplicaSet are created. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadReplicaTemplate {

  @JsonPropertyDescription("Annotations added to every Workload created from this template.")
  private Map<String, String> annotations;

  @JsonPropertyDescription("Labels added to every Workload created from this template.")
  private Map<String, String> labels;

  @JsonPropertyDescription(
      "Spec of every Workload created from this template. Only this part is hashed to detect a new revision.")
  @Required
  private WorkloadSpec spec;

  public Map<String, String> getAnnotations() {
    return annotations;
  }

  public void setAnnotations(Map<String, String> annotations) {
    this.annotations = annotations;
  }

  public Map<String, String> getLabels() {
    return labels;
  }

  public void setLabels(Map<String, String> labels) {
    this.labels = labels;
  }

  public WorkloadSpec getSpec() {
    return spec;
  }

  public void setSpec(WorkloadSpec spec) {
    this.spec = spec;
  }
}
