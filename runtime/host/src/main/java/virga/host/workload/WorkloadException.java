package virga.host.workload;

/**
 * A workload that cannot start, or an operation on one that cannot be done; the message is what the
 * workload's status reports: it says what is wrong and what to do.
 */
public final class WorkloadException extends RuntimeException {
  /** A failure described by {@code message}. */
  public WorkloadException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public WorkloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
