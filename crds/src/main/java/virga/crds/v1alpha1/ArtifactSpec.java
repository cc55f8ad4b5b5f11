package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Desired state of an Artifact: the image it publishes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ArtifactSpec {

  @JsonPropertyDescription("OCI reference of the component image.")
  @Required
  private String image;

  @JsonPropertyDescription(
      "Secret of type kubernetes.io/dockerconfigjson with credentials for pulling the image.")
  private LocalObjectReference imagePullSecret;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public LocalObjectReference getImagePullSecret() {
    return imagePullSecret;
  }

  public void setImagePullSecret(LocalObjectReference imagePullSecret) {
    this.imagePullSecret = imagePullSecret;
  }
}
