package virga.wasi.sockets;

/** A {@code wasi:sockets} operation failing with an {@link ErrorCode}; host functions return it. */
public final class SocketError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** Fails with {@code code}. */
  public SocketError(ErrorCode code, String message) {
    super(code.label() + ": " + message);
    this.code = code;
  }

  /** Fails with {@code code}, caused by {@code cause}. */
  public SocketError(ErrorCode code, String message, Throwable cause) {
    super(code.label() + ": " + message, cause);
    this.code = code;
  }

  /** The code for a Java failure. */
  public static SocketError of(String what, Throwable cause) {
    if (cause instanceof SocketError se) {
      return se;
    }
    return new SocketError(ErrorCode.of(cause), what + ": " + cause, cause);
  }

  /** The code the guest sees. */
  public ErrorCode code() {
    return code;
  }

  static SocketError invalidState(String why) {
    return new SocketError(ErrorCode.INVALID_STATE, why);
  }

  static SocketError invalidArgument(String why) {
    return new SocketError(ErrorCode.INVALID_ARGUMENT, why);
  }

  static SocketError notInProgress(String why) {
    return new SocketError(ErrorCode.NOT_IN_PROGRESS, why);
  }

  static SocketError wouldBlock(String why) {
    return new SocketError(ErrorCode.WOULD_BLOCK, why);
  }
}
