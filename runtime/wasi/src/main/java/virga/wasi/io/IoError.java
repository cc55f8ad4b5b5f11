package virga.wasi.io;

import virga.wasi.host.HostResource;

/**
 * The rep of {@code wasi:io/error.error}: a message for {@code to-debug-string} and the Java cause,
 * which the filesystem, sockets and http parts map to their own error codes.
 */
public final class IoError extends HostResource {
  private final String message;
  private final Throwable cause;

  /** An error with a debug message and an optional cause. */
  public IoError(String message, Throwable cause) {
    this.message = message;
    this.cause = cause;
  }

  /** What {@code to-debug-string} returns. */
  public String debugString() {
    return cause == null || cause.getMessage() == null
        ? message
        : message + ": " + cause.getMessage();
  }

  /** The Java exception behind the error, or null. */
  public Throwable cause() {
    return cause;
  }
}
