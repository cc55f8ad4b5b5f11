package virga.component;

/**
 * Instantiation failed before any guest code ran: a missing import, an import of the wrong kind or
 * type, an export that does not exist.
 */
public class LinkException extends ComponentException {
  private static final long serialVersionUID = 1L;

  public LinkException(String message) {
    super(message);
  }

  public LinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
