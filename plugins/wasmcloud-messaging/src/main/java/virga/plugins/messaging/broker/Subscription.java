package virga.plugins.messaging.broker;

/** A live subscription; {@link #close()} unsubscribes and may be called more than once. */
public interface Subscription extends AutoCloseable {
  /** The subject (pattern) subscribed to. */
  String subject();

  /** Unsubscribes; messages already handed to the sink may still be running. */
  @Override
  void close();
}
