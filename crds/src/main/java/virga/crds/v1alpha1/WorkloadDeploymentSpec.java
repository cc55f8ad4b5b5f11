package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;

/** Desired state of a WorkloadDeployment: replica count, workload template and rollout policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadDeploymentSpec {

  /** Replace Workloads one by one when the template changes. */
  public static final String DEPLOY_POLICY_ROLLING_UPDATE = "RollingUpdate";

  /** Remove all old Workloads before creating new ones when the template changes. */
  public static final String DEPLOY_POLICY_RECREATE = "Recreate";

  @JsonPropertyDescription("Desired number of Workloads. Defaults to 1.")
  @Default("1")
  @SpecReplicas
  private Integer replicas;

  @JsonPropertyDescription(
      "Template for the Workloads of this deployment; a change to template.spec rolls out a new WorkloadReplicaSet.")
  @Required
  private WorkloadReplicaTemplate template;

  @JsonPropertyDescription("How a new template is rolled out: RollingUpdate (default) or Recreate.")
  @Default("RollingUpdate")
  private String deployPolicy;

  @JsonPropertyDescription(
      "Artifacts that component and service images can refer to as \"artifact://<name>\".")
  private List<WorkloadDeploymentArtifact> artifacts;

  @JsonPropertyDescription("Kubernetes-side integrations of the deployment.")
  private KubernetesIntegration kubernetes;

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

  public String getDeployPolicy() {
    return deployPolicy;
  }

  public void setDeployPolicy(String deployPolicy) {
    this.deployPolicy = deployPolicy;
  }

  public List<WorkloadDeploymentArtifact> getArtifacts() {
    return artifacts;
  }

  public void setArtifacts(List<WorkloadDeploymentArtifact> artifacts) {
    this.artifacts = artifacts;
  }

  public KubernetesIntegration getKubernetes() {
    return kubernetes;
  }

  public void setKubernetes(KubernetesIntegration kubernetes) {
    this.kubernetes = kubernetes;
  }
}
