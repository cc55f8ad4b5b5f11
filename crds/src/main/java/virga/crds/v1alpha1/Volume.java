package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A named volume that components and the service of a workload can mount. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Volume {

  @JsonPropertyDescription(
      "Name of the volume, unique within the workload; referenced by volumeMounts.")
  @Required
  private String name;

  @JsonPropertyDescription("A temporary directory that lives as long as the workload.")
  private EphemeralVolume ephemeral;

  @JsonPropertyDescription("A pre-existing file or directory on the host machine.")
  private HostPathVolume hostPath;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public EphemeralVolume getEphemeral() {
    return ephemeral;
  }

  public void setEphemeral(EphemeralVolume ephemeral) {
    this.ephemeral = ephemeral;
  }

  public HostPathVolume getHostPath() {
    return hostPath;
  }

  public void setHostPath(HostPathVolume hostPath) {
    this.hostPath = hostPath;
  }
}
