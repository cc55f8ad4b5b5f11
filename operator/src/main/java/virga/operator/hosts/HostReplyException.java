package virga.operator.hosts;

/** A host answered, but with something that is not the expected protocol message. */
public class HostReplyException extends HostRequestException {
  private static final long serialVersionUID = 1L;

  public HostReplyException(String hostId, String subject, String detail, Throwable cause) {
    super(
        hostId,
        subject,
        "host " + hostId + " sent a bad reply on " + subject + ": " + detail,
        cause);
  }
}
