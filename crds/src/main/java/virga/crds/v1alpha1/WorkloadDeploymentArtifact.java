package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A named Artifact that components refer to as "artifact://<name>". */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadDeploymentArtifact {

  @JsonPropertyDescription("Name used in component and service images as \"artifact://<name>\".")
  @Required
  private String name;

  @JsonPropertyDescription(
      "The Artifact object in the same namespace whose published URL replaces the reference.")
  @Required
  private LocalObjectReference artifactFrom;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public LocalObjectReference getArtifactFrom() {
    return artifactFrom;
  }

  public void setArtifactFrom(LocalObjectReference artifactFrom) {
    this.artifactFrom = artifactFrom;
  }
}
