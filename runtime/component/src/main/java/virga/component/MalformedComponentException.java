package virga.component;

/**
 * The bytes are not a valid component (or core module): truncated, wrong magic/version/layer, bad
 * LEB128, an index out of range, an invalid type. The message names the byte offset and the
 * section.
 */
public class MalformedComponentException extends ComponentException {
  private static final long serialVersionUID = 1L;
  private final String reason;
  private final long offset;
  private final String section;

  public MalformedComponentException(String message, long offset, String section) {
    super(
        message
            + " (at byte offset "
            + offset
            + (section == null ? "" : ", in the " + section + " section")
            + ")");
    this.reason = message;
    this.offset = offset;
    this.section = section;
  }

  public MalformedComponentException(String message, long offset, String section, Throwable cause) {
    this(message, offset, section);
    initCause(cause);
  }

  /** The message without the offset and section, as given to the constructor. */
  public String reason() {
    return reason;
  }

  /** The byte offset in the outermost binary where the problem was found. */
  public long offset() {
    return offset;
  }

  /** The section being read (e.g. "type", "canon"), or null when outside any section. */
  public String section() {
    return section;
  }
}
