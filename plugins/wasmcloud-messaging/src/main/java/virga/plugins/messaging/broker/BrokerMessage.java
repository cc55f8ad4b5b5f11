package virga.plugins.messaging.broker;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A message sent to or received from a broker: WIT {@code wasmcloud:messaging/types.broker-message}
 * as the typed bindings map it.
 *
 * @param subject the subject
 * @param body the payload
 * @param replyTo where a reply goes, if the sender waits for one
 */
public record BrokerMessage(String subject, byte[] body, Optional<String> replyTo) {
  public BrokerMessage {
    Objects.requireNonNull(subject, "subject");
    body = body == null ? new byte[0] : body;
    replyTo = replyTo == null ? Optional.empty() : replyTo;
  }

  /** A message without reply subject. */
  public static BrokerMessage of(String subject, byte[] body) {
    return new BrokerMessage(subject, body, Optional.empty());
  }

  // A record compares arrays by identity; messages are compared by content in tests and logs.
  @Override
  public boolean equals(Object o) {
    return o instanceof BrokerMessage m
        && subject.equals(m.subject)
        && Arrays.equals(body, m.body)
        && replyTo.equals(m.replyTo);
  }

  @Override
  public int hashCode() {
    return Objects.hash(subject, Arrays.hashCode(body), replyTo);
  }

  @Override
  public String toString() {
    return "BrokerMessage[subject="
        + subject
        + ", body="
        + body.length
        + " bytes, replyTo="
        + replyTo.orElse("-")
        + "]";
  }
}
