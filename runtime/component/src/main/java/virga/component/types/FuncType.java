package virga.component.types;

import java.util.List;
import java.util.Objects;

/**
 * A resolved component function type: named parameters and at most one result.
 *
 * @param params the parameters in order
 * @param result the result type, or null for a function that returns nothing
 */
public record FuncType(List<FuncType.Param> params, ValType result) {

  /** A named parameter. */
  public record Param(String name, ValType type) {
    public Param {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  public FuncType {
    params = List.copyOf(params);
  }

  /** The parameter types, without names. */
  public List<ValType> paramTypes() {
    return params.stream().map(Param::type).toList();
  }
}
