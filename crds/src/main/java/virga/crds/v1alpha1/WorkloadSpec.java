package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** Desired state of a workload: its components, service, host interfaces, volumes and placement. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkloadSpec {

  @JsonPropertyDescription(
      "Labels a Host must carry for the workload to be placed on it, e.g. {hostgroup: default}.")
  private Map<String, String> hostSelector;

  @JsonPropertyDescription(
      "Place the workload on the host with this id instead of choosing one by hostSelector.")
  private String hostId;

  @JsonPropertyDescription(
      "Only place the workload on hosts whose environment matches. Honoured only when the operator allows shared hosts or it equals the workload's namespace.")
  private String environment;

  @JsonPropertyDescription("The WebAssembly components of the workload.")
  private List<WorkloadComponent> components;

  @JsonPropertyDescription("Host-provided interfaces the workload uses, with their configuration.")
  @Size(max = 64)
  @ValidationRule(
      value = Validation.UNIQUE_HOST_INTERFACES_RULE,
      message = Validation.UNIQUE_HOST_INTERFACES_MESSAGE)
  @ValidationRule(
      value = Validation.ONE_UNNAMED_HOST_INTERFACE_RULE,
      message = Validation.ONE_UNNAMED_HOST_INTERFACE_MESSAGE)
  private List<HostInterface> hostInterfaces;

  @JsonPropertyDescription("An optional long-running service running next to the components.")
  private WorkloadService service;

  @JsonPropertyDescription("Volumes that components and the service can mount.")
  private List<Volume> volumes;

  @JsonPropertyDescription("Kubernetes-side integrations of the workload.")
  private KubernetesIntegration kubernetes;

  public Map<String, String> getHostSelector() {
    return hostSelector;
  }

  public void setHostSelector(Map<String, String> hostSelector) {
    this.hostSelector = hostSelector;
  }

  public String getHostId() {
    return hostId;
  }

  public void setHostId(String hostId) {
    this.hostId = hostId;
  }

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  public List<WorkloadComponent> getComponents() {
    return components;
  }

  public void setComponents(List<WorkloadComponent> components) {
    this.components = components;
  }

  public List<HostInterface> getHostInterfaces() {
    return hostInterfaces;
  }

  public void setHostInterfaces(List<HostInterface> hostInterfaces) {
    this.hostInterfaces = hostInterfaces;
  }

  public WorkloadService getService() {
    return service;
  }

  public void setService(WorkloadService service) {
    this.service = service;
  }

  public List<Volume> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<Volume> volumes) {
    this.volumes = volumes;
  }

  public KubernetesIntegration getKubernetes() {
    return kubernetes;
  }

  public void setKubernetes(KubernetesIntegration kubernetes) {
    this.kubernetes = kubernetes;
  }
}
