package virga.operator.hosts;

import java.time.Duration;

/**
 * No answer from a host: nobody listens on its subject, it did not reply in time (a host also stays
 * silent on a request it cannot decode), or the operator's connection was down.
 */
public class HostUnreachableException extends HostRequestException {
  private static final long serialVersionUID = 1L;

  /** Why there was no answer. */
  public enum Reason {
    /** No reply within the timeout. */
    TIMEOUT,
    /** The server knows no subscriber for the subject: the host is gone. */
    NO_RESPONDERS,
    /** The operator's own connection was closed or interrupted. */
    CONNECTION
  }

  private final Duration timeout;
  private final Reason reason;

  public HostUnreachableException(
      String hostId, String subject, Duration timeout, Reason reason, Throwable cause) {
    super(hostId, subject, describe(hostId, subject, timeout, reason), cause);
    this.timeout = timeout;
    this.reason = reason;
  }

  /** The timeout the request had. */
  public Duration timeout() {
    return timeout;
  }

  /** Why there was no answer. */
  public Reason reason() {
    return reason;
  }

  private static String describe(String hostId, String subject, Duration timeout, Reason reason) {
    String why =
        switch (reason) {
          case TIMEOUT -> "no reply within " + timeout;
          case NO_RESPONDERS -> "no responders (nothing subscribed; timeout was " + timeout + ")";
          case CONNECTION -> "the operator's NATS connection failed (timeout was " + timeout + ")";
        };
    return "host " + hostId + " unreachable on " + subject + ": " + why;
  }
}
