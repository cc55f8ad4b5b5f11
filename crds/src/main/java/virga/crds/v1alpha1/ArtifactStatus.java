package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Observed state of an Artifact: the URL it was published at. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArtifactStatus extends ConditionedStatus {

  @JsonPropertyDescription("metadata.generation of the Artifact that artifactUrl reflects.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Published URL of the artifact, used in place of \"artifact://<name>\" references.")
  private String artifactUrl;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getArtifactUrl() {
    return artifactUrl;
  }

  public void setArtifactUrl(String artifactUrl) {
    this.artifactUrl = artifactUrl;
  }
}
