package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Reference to an existing Kubernetes Service in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesServiceRef {

  @JsonPropertyDescription("Name of the Kubernetes Service in the same namespace.")
  @Required
  private String name;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
