package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** Configuration made of inline values, ConfigMaps and Secrets, merged in that order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigLayer {

  @JsonPropertyDescription(
      "Inline configuration key/value pairs. Lowest precedence: values from configFrom and secretFrom override them.")
  private Map<String, String> config;

  @JsonPropertyDescription(
      "ConfigMaps in the same namespace whose keys and values are merged into the configuration. In case of key conflicts, the last ConfigMap in the list wins.")
  private List<LocalObjectReference> configFrom;

  @JsonPropertyDescription(
      "Secrets in the same namespace whose keys and values are merged into the configuration, with the highest precedence. In case of key conflicts, the last Secret in the list wins. Values are base64-decoded and utf-8 decoded before being provided to the workload.")
  private List<LocalObjectReference> secretFrom;

  public Map<String, String> getConfig() {
    return config;
  }

  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  public List<LocalObjectReference> getConfigFrom() {
    return configFrom;
  }

  public void setConfigFrom(List<LocalObjectReference> configFrom) {
    this.configFrom = configFrom;
  }

  public List<LocalObjectReference> getSecretFrom() {
    return secretFrom;
  }

  public void setSecretFrom(List<LocalObjectReference> secretFrom) {
    this.secretFrom = secretFrom;
  }
}
