package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A host-provided WIT interface the workload imports or exports, with its configuration. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HostInterface extends ConfigLayer {

  @JsonPropertyDescription(
      "Identifier of this interface instance, used as the \"(implements <name>)\" routing id and as the identifier components pass to resource-opening functions (e.g. store::open(name)). Required when several entries share the same namespace and package.")
  @Size(max = 64)
  @Pattern(Validation.HOST_INTERFACE_NAME)
  private String name;

  @JsonPropertyDescription("WIT namespace of the interface package, e.g. \"wasi\".")
  @Required
  @Size(max = 128)
  private String namespace;

  @JsonProperty("package")
  @JsonPropertyDescription("WIT package name, e.g. \"http\".")
  @Required
  @Size(max = 128)
  private String packageName;

  @JsonPropertyDescription(
      "Interfaces of the package used by the workload, e.g. [\"incoming-handler\"].")
  @Required
  @Size(min = 1)
  private List<String> interfaces;

  @JsonPropertyDescription(
      "Semantic version of the WIT package, e.g. \"0.2.0\". Empty matches any version.")
  @Size(max = 64)
  private String version;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getPackageName() {
    return packageName;
  }

  public void setPackageName(String packageName) {
    this.packageName = packageName;
  }

  public List<String> getInterfaces() {
    return interfaces;
  }

  public void setInterfaces(List<String> interfaces) {
    this.interfaces = interfaces;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }
}
