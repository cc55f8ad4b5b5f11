package virga.component;

/** The root of every failure the component engine reports; catch this to handle them all. */
public class ComponentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ComponentException(String message) {
    super(message);
  }

  public ComponentException(String message, Throwable cause) {
    super(message, cause);
  }
}
