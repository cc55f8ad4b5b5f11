package virga.plugins.messaging;

import java.time.Duration;
import virga.plugin.Result;
import virga.plugin.WitImplementation;
import virga.plugins.messaging.broker.Broker;
import virga.plugins.messaging.broker.BrokerException;
import virga.plugins.messaging.broker.BrokerMessage;

/**
 * {@code wasmcloud:messaging/consumer@0.2.0} for one item: every broker failure is the WIT error
 * string, never a trap (wasmCloud traps on a failed publish; the WIT has an error case for it).
 */
@WitImplementation(value = MessagingPlugin.CONSUMER, wit = MessagingPlugin.WIT)
public final class MessagingConsumer {
  private final Broker broker;

  MessagingConsumer(Broker broker) {
    this.broker = broker;
  }

  /** Sends a request and waits at most {@code timeoutMs} for the reply. */
  public Result<BrokerMessage, String> request(String subject, byte[] body, long timeoutMs) {
    try {
      return Result.ok(broker.request(subject, body, Duration.ofMillis(timeoutMs)));
    } catch (BrokerException e) {
      return Result.err(e.getMessage());
    }
  }

  /** Publishes {@code msg}, with its reply subject when it has one. */
  public Result<Void, String> publish(BrokerMessage msg) {
    try {
      broker.publish(msg.subject(), msg.replyTo().orElse(null), msg.body());
      return Result.ok();
    } catch (BrokerException e) {
      return Result.err(e.getMessage());
    }
  }
}
