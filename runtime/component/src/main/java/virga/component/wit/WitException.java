package virga.component.wit;

/** A WIT source that is malformed or refers to something undefined. */
public final class WitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error at character {@code offset} of the source (or -1 when not tied to one). */
  public WitException(String message, int offset) {
    super(offset < 0 ? message : message + " (at offset " + offset + ")");
  }
}
