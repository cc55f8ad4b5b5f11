package virga.component.values;

import virga.component.ComponentException;

/**
 * A {@link Value} does not match the {@link virga.component.types.ValType} it was given for, or a
 * value was built with an out-of-range component (a u8 of 300, a surrogate char). Raised by the
 * value factories, by {@link Values#typeCheck} and when the canonical ABI lowers a host value.
 */
public class ValueTypeException extends ComponentException {
  private static final long serialVersionUID = 1L;

  public ValueTypeException(String message) {
    super(message);
  }
}
