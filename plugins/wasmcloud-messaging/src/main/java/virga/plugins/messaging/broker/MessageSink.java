package virga.plugins.messaging.broker;

/**
 * Receives the messages of one subscription, one at a time, on the subscription's delivery thread
 * (blocking here holds back that subscription's later messages, as a NATS dispatcher does).
 */
@FunctionalInterface
public interface MessageSink {
  /** One message of the subscription. */
  void accept(BrokerMessage message);
}
