package virga.protocol;

/** A message could not be decoded: not JSON, or not the shape of the expected protocol message. */
public class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
