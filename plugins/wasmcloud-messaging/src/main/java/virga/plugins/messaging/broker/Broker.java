package virga.plugins.messaging.broker;

import java.time.Duration;

/**
 * A message broker with NATS semantics: subjects with {@code *} and {@code >} wildcards, queue
 * groups (each message goes to one member of a group, and to every plain subscriber), and
 * request/reply through a reply subject.
 */
public interface Broker {
  /** Publishes {@code body} to {@code subject}, with {@code replyTo} when not null. */
  void publish(String subject, String replyTo, byte[] body) throws BrokerException;

  /**
   * Sends a request and waits at most {@code timeout} for the first reply.
   *
   * @throws BrokerException {@code request timed out after Nms}, {@code failed to send request: no
   *     responders}, or the broker's failure
   */
  BrokerMessage request(String subject, byte[] body, Duration timeout) throws BrokerException;

  /**
   * Subscribes {@code sink} to {@code subject}, in queue group {@code queueGroup} (null: a plain
   * subscription that gets every message).
   */
  Subscription subscribe(String subject, String queueGroup, MessageSink sink)
      throws BrokerException;

  /**
   * Returns once the broker has processed every subscription made before (a server round trip), so
   * that a message published after this reaches them.
   */
  void sync(Duration timeout) throws BrokerException;
}
