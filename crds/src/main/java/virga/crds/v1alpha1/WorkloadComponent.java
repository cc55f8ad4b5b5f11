package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/**
 * A stateless, invocation-driven WebAssembly component of a workload; all components of a workload
 * run on the same host.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadComponent {

  @JsonPropertyDescription("Name of the component, unique within the workload.")
  @Required
  private String name;

  @JsonPropertyDescription(
      "OCI reference of the component image, or \"artifact://<name>\" to use the image of an entry in the WorkloadDeployment's artifacts.")
  @Required
  private String image;

  @JsonPropertyDescription(
      "Secret of type kubernetes.io/dockerconfigjson with credentials for pulling the image.")
  private LocalObjectReference imagePullSecret;

  @JsonPropertyDescription("When to pull the image: Always, IfNotPresent or Never.")
  private String imagePullPolicy;

  @JsonPropertyDescription(
      "Number of warm instances kept between invocations. Unset means a fresh instance for every invocation.")
  @Min(0)
  private Integer poolSize;

  @JsonPropertyDescription(
      "Retire a warm instance after this many invocations. Unset means no limit.")
  @Min(0)
  private Integer maxInvocations;

  @JsonPropertyDescription(
      "Maximum number of concurrent invocations per warm instance. Unset means 1.")
  @Min(0)
  private Integer maxConcurrency;

  @JsonPropertyDescription(
      "Volumes, environment, configuration and network permissions of this component.")
  private LocalResources localResources;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

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

  public Integer getPoolSize() {
    return poolSize;
  }

  public void setPoolSize(Integer poolSize) {
    this.poolSize = poolSize;
  }

  public Integer getMaxInvocations() {
    return maxInvocations;
  }

  public void setMaxInvocations(Integer maxInvocations) {
    this.maxInvocations = maxInvocations;
  }

  public Integer getMaxConcurrency() {
    return maxConcurrency;
  }

  public void setMaxConcurrency(Integer maxConcurrency) {
    this.maxConcurrency = maxConcurrency;
  }

  public LocalResources getLocalResources() {
    return localResources;
  }

  public void setLocalResources(LocalResources localResources) {
    this.localResources = localResources;
  }
}
