package virga.component.values;

import virga.component.ComponentException;

/** WAVE text that does not parse, or does not fit the expected type; names the offending offset. */
public class WaveException extends ComponentException {
  private static final long serialVersionUID = 1L;
  private final int offset;

  public WaveException(String message, int offset) {
    super(message + " at offset " + offset);
    this.offset = offset;
  }

  /** The offset (in chars) into the parsed text where the problem starts. */
  public int offset() {
    return offset;
  }
}
