package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.time.Instant;

/** One observed aspect of an object's state, e.g. Ready or Sync. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {

  @JsonPropertyDescription("Type of the condition, e.g. Ready, Sync, Placement.")
  @Required
  private String type;

  @JsonPropertyDescription("Status of the condition: True, False or Unknown.")
  @Required
  private String status;

  @JsonPropertyDescription("metadata.generation of the object when the condition was evaluated.")
  private Long observedGeneration;

  @JsonPropertyDescription("When the status of the condition last changed.")
  private Instant lastTransitionTime;

  @JsonPropertyDescription("When the condition was last evaluated.")
  private Instant lastProbeTime;

  @JsonPropertyDescription("Machine-readable reason for the last transition, in CamelCase.")
  private String reason;

  @JsonPropertyDescription("Human-readable details about the last transition.")
  private String message;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Instant getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(Instant lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public Instant getLastProbeTime() {
    return lastProbeTime;
  }

  public void setLastProbeTime(Instant lastProbeTime) {
    this.lastProbeTime = lastProbeTime;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
