package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Mounts a volume of the workload into a component or service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeMount {

  @JsonPropertyDescription(
      "Name of the volume to mount; must match the name of a volume in spec.volumes.")
  @Required
  private String name;

  @JsonPropertyDescription("Path inside the component at which the volume is mounted.")
  @Required
  private String mountPath;

  @JsonPropertyDescription("Mount the volume read-only. Defaults to false.")
  private Boolean readOnly;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getMountPath() {
    return mountPath;
  }

  public void setMountPath(String mountPath) {
    this.mountPath = mountPath;
  }

  public Boolean getReadOnly() {
    return readOnly;
  }

  public void setReadOnly(Boolean readOnly) {
    this.readOnly = readOnly;
  }
}
