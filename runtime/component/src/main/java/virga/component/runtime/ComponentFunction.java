package virga.component.runtime;

import virga.component.types.FuncType;
import virga.component.values.Value;

/** A component-level function: a lifted guest export or a host function, called with values. */
public interface ComponentFunction {
  /** The function's type. */
  FuncType type();

  /** Calls the function; returns the result, or null when the type has no result. */
  Value call(Value... args);
}
