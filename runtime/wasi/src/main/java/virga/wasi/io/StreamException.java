package virga.wasi.io;

/**
 * A stream operation's failure as {@code wasi:io/streams.stream-error} sees it: the stream is
 * {@code closed}, or the last operation failed with an error the guest may inspect.
 */
public final class StreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient IoError error;

  private StreamException(String message, IoError error, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  /** The stream has ended (input) or will accept no more data (output). */
  public static StreamException closed() {
    return new StreamException("stream closed", null, null);
  }

  /** The last operation failed; the stream is closed from now on. */
  public static StreamException failed(String message, Throwable cause) {
    return new StreamException(message, new IoError(message, cause), cause);
  }

  /** Whether this is {@code closed} rather than {@code last-operation-failed}. */
  public boolean isClosed() {
    return error == null;
  }

  /** The error of {@code last-operation-failed}, or null for {@code closed}. */
  public IoError error() {
    return error;
  }
}
