package virga.wasi.http;

/**
 * Thrown by an {@link IncomingHandler} that refuses a request before any guest saw it (no {@code
 * Host} header: 400, unknown host: 404): the server answers with {@code status} and the message as
 * a plain-text body, and does not count it as a trap.
 */
public final class HttpRejection extends RuntimeException {
  private final int status;

  /** A refusal with HTTP {@code status} and a one-line {@code message} for the client. */
  public HttpRejection(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** The HTTP status to answer with. */
  public int status() {
    return status;
  }
}
