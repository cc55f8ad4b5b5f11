package virga.operator.hosts;

/** A request to a host failed; the subclass says whether it went unanswered or came back bad. */
public abstract class HostRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String hostId;
  private final String subject;

  protected HostRequestException(String hostId, String subject, String message, Throwable cause) {
    super(message, cause);
    this.hostId = hostId;
    this.subject = subject;
  }

  /** The host the request went to. */
  public String hostId() {
    return hostId;
  }

  /** The NATS subject of the request. */
  public String subject() {
    return subject;
  }
}
