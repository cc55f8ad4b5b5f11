package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * A long-running service (sidecar) of a workload exporting wasi:cli/run; it is the workload's
 * localhost.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadService {

  @JsonPropertyDescription(
      "OCI reference of the service image, or \"artifact://<name>\" to use the image of an entry in the WorkloadDeployment's artifacts.")
  @Required
  private String image;

  @JsonPropertyDescription(
      "Secret of type kubernetes.io/dockerconfigjson with credentials for pulling the image.")
  private LocalObjectReference imagePullSecret;

  @JsonPropertyDescription("When to pull the image: Always, IfNotPresent or Never.")
  private String imagePullPolicy;

  @JsonPropertyDescription(
      "How many times the service is restarted after it fails, over its whole lifetime. Unset means 0 (never restarted); a clean exit is never restarted.")
  private Integer maxRestarts;

  @JsonPropertyDescription(
      "Volumes, environment, configuration and network permissions of the service.")
  private LocalResources localResources;

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

  public String getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(String imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public Integer getMaxRestarts() {
    return maxRestarts;
  }

  public void setMaxRestarts(Integer maxRestarts) {
    this.maxRestarts = maxRestarts;
  }

  public LocalResources getLocalResources() {
    return localResources;
  }

  public void setLocalResources(LocalResources localResources) {
    this.localResources = localResources;
  }
}
