package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A pre-existing file or directory on the host machine. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HostPathVolume {

  @JsonPropertyDescription("Path of the file or directory on the host.")
  @Required
  private String path;

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }
}
