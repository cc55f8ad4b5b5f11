package virga.plugins.messaging;

import io.nats.client.Connection;
import virga.plugin.PluginContext;
import virga.plugins.messaging.broker.Broker;
import virga.plugins.messaging.broker.NatsBroker;

/**
 * Plugin {@code wasmcloud-messaging}: {@code wasmcloud:messaging@0.2.0} over the host's data-plane
 * NATS connection ({@code --data-nats-url}), as {@code wash host}'s {@code NatsMessaging}. A host
 * without one still starts; a workload that binds this plugin then fails with what to do.
 */
public final class NatsMessagingPlugin extends MessagingPlugin {
  /** The plugin id. */
  public static final String ID = "wasmcloud-messaging";

  private volatile Broker broker;

  /** The plugin as the host loads it: the connection comes from {@link PluginContext#shared}. */
  public NatsMessagingPlugin() {}

  /** The plugin over {@code connection} (embedders, tests); the caller closes it. */
  public NatsMessagingPlugin(Connection connection) {
    this.broker = new NatsBroker(connection);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void start(PluginContext context) throws Exception {
    super.start(context);
    if (broker == null) {
      context.shared(Connection.class).ifPresent(c -> broker = new NatsBroker(c));
    }
  }

  @Override
  protected Broker broker() {
    Broker b = broker;
    if (b == null) {
      throw new IllegalStateException(
          "plugin "
              + ID
              + " needs the host's data NATS connection, and this host has none: start it with"
              + " --data-nats-url nats://HOST:4222 (for development without NATS, name the"
              + " wasmcloud:messaging hostInterfaces entries 'wasmcloud-messaging-memory' to use"
              + " the in-process broker)");
    }
    return b;
  }
}
