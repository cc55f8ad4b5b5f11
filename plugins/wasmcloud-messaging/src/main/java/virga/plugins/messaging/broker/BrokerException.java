package virga.plugins.messaging.broker;

/**
 * A broker operation failed; the message is what the guest gets as the WIT error string
 * (wasmCloud's wording: {@code failed to send request: ...}, {@code request timed out after
 * 100ms}).
 */
public final class BrokerException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure with the guest-facing message. */
  public BrokerException(String message) {
    super(message);
  }

  /** A failure with the guest-facing message and its cause. */
  public BrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
