package virga.plugin.bind;

import virga.component.values.Value;

/** Converts between the Java form and the component value of one WIT type, both ways. */
interface Converter {
  /** The component value of Java value {@code java} (a host function's result). */
  Value lower(Object java, ResourceScope scope);

  /** The Java value of {@code value} (a host function's argument). */
  Object lift(Value value, ResourceScope scope);
}
