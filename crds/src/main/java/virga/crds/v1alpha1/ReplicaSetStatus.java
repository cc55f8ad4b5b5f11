package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Counts of the Workloads of a replica set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicaSetStatus {

  @JsonPropertyDescription("Number of Workloads wanted.")
  private Integer expected;

  @JsonPropertyDescription("Number of Workloads that exist.")
  private Integer current;

  @JsonPropertyDescription("Number of Workloads that are Ready.")
  private Integer ready;

  @JsonPropertyDescription("Number of Workloads that are not Ready.")
  private Integer unavailable;

  public Integer getExpected() {
    return expected;
  }

  public void setExpected(Integer expected) {
    this.expected = expected;
  }

  public Integer getCurrent() {
    return current;
  }

  public void setCurrent(Integer current) {
    this.current = current;
  }

  public Integer getReady() {
    return ready;
  }

  public void setReady(Integer ready) {
    this.ready = ready;
  }

  public Integer getUnavailable() {
    return unavailable;
  }

  public void setUnavailable(Integer unavailable) {
    this.unavailable = unavailable;
  }
}
