package virga.wasi.http;

/**
 * A wasi:http failure with its {@link ErrorCode}; as the cause of an {@link virga.wasi.io.IoError}
 * it is what {@code http-error-code} reports for a failed body stream.
 */
public final class HttpErrorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ErrorCode code;

  /** A failure with {@code code}. */
  public HttpErrorException(ErrorCode code) {
    super(code.toString());
    this.code = code;
  }

  /** A failure with {@code code} caused by {@code cause}. */
  public HttpErrorException(ErrorCode code, Throwable cause) {
    super(code + ": " + cause, cause);
    this.code = code;
  }

  /** The error code. */
  public ErrorCode code() {
    return code;
  }

  /** The first {@link HttpErrorException} in {@code t}'s cause chain, or null. */
  public static HttpErrorException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HttpErrorException h) {
        return h;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
