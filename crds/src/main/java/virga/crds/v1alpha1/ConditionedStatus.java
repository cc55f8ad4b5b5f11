package virga.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Status holding a list of conditions, shared by every kind. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConditionedStatus {

  @JsonPropertyDescription("Current conditions of the object.")
  private List<Condition> conditions;

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
