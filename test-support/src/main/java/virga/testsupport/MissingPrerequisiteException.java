package virga.testsupport;

/** Thrown on CI when a server binary an integration test needs is not installed. */
public class MissingPrerequisiteException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MissingPrerequisiteException(String message) {
    super(message);
  }
}
