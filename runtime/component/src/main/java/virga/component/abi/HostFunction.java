package virga.component.abi;

import java.util.List;
import virga.component.values.Value;

/**
 * A component function implemented in Java, imported by a guest through a {@link LoweredFunction}.
 * Borrowed resources among the arguments are valid only until it returns; owned ones now belong to
 * it. Return null exactly when the function type has no result.
 */
@FunctionalInterface
public interface HostFunction {
  /** Runs the function on lifted arguments (an unmodifiable list) and returns its result. */
  Value apply(List<Value> args);
}
