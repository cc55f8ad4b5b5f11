package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;
import java.util.Map;

/** Resources and permissions granted to one component or service of a workload. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LocalResources {

  @JsonPropertyDescription(
      "Volumes mounted into the component; each must be defined in spec.volumes.")
  private List<VolumeMount> volumeMounts;

  @JsonPropertyDescription(
      "Environment variables for the component, from inline values, ConfigMaps and Secrets.")
  private ConfigLayer environment;

  @JsonPropertyDescription(
      "Configuration visible to this component through wasi:config; overrides the configuration of the host interface.")
  private Map<String, String> config;

  @JsonPropertyDescription(
      "Outgoing network destinations the component may reach. Accepted forms: \"*\", \"host[:port]\", \"scheme://host[:port][/]\", \"*.suffix[:port]\" and \"scheme://*.suffix[:port][/]\". Empty or absent denies all egress; [\"*\"] allows all. Final validation runs in the runtime.")
  private List<@Pattern(Validation.ALLOWED_HOST) String> allowedHosts;

  @JsonPropertyDescription(
      "Host names (or \"*.suffix\" wildcards, \"*\", or IP literals) the component may resolve through wasi:sockets name lookup. Empty or absent makes every lookup fail with permanent-resolver-failure.")
  private List<@Pattern(Validation.ALLOWED_IP_NAME_LOOKUP) String> allowedIpNameLookups;

  @JsonPropertyDescription(
      "Ports of the machine's loopback interface the component may reach through the reserved name host.wasmcloud.internal, as \"port\" or \"port/tcp|udp\". Inert unless the host runs with --allow-host-loopback.")
  private List<@Pattern(Validation.ALLOWED_HOST_LOOPBACK_PORT) String> allowedHostLoopbackPorts;

  public List<VolumeMount> getVolumeMounts() {
    return volumeMounts;
  }

  public void setVolumeMounts(List<VolumeMount> volumeMounts) {
    this.volumeMounts = volumeMounts;
  }

  public ConfigLayer getEnvironment() {
    return environment;
  }

  public void setEnvironment(ConfigLayer environment) {
    this.environment = environment;
  }

  public Map<String, String> getConfig() {
    return config;
  }

  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  public List<String> getAllowedHosts() {
    return allowedHosts;
  }

  public void setAllowedHosts(List<String> allowedHosts) {
    this.allowedHosts = allowedHosts;
  }

  public List<String> getAllowedIpNameLookups() {
    return allowedIpNameLookups;
  }

  public void setAllowedIpNameLookups(List<String> allowedIpNameLookups) {
    this.allowedIpNameLookups = allowedIpNameLookups;
  }

  public List<String> getAllowedHostLoopbackPorts() {
    return allowedHostLoopbackPorts;
  }

  public void setAllowedHostLoopbackPorts(List<String> allowedHostLoopbackPorts) {
    this.allowedHostLoopbackPorts = allowedHostLoopbackPorts;
  }
}
