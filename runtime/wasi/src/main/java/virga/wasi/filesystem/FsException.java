package virga.wasi.filesystem;

/** A filesystem operation's failure as a WASI {@link ErrorCode}; becomes {@code err(code)}. */
public final class FsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** A failure with {@code code} and a message for logs. */
  public FsException(ErrorCode code, String message) {
    super(code.label() + ": " + message);
    this.code = code;
  }

  /** A failure with {@code code}, caused by {@code cause}. */
  public FsException(ErrorCode code, Throwable cause) {
    super(code.label() + ": " + cause, cause);
    this.code = code;
  }

  /** The WASI error code. */
  public ErrorCode code() {
    return code;
  }
}
