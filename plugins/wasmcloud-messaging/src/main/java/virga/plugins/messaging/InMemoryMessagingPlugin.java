package virga.plugins.messaging;

import virga.plugins.messaging.broker.MemoryBroker;

/**
 * Plugin {@code wasmcloud-messaging-memory}: {@code wasmcloud:messaging@0.2.0} over an in-process
 * broker with NATS semantics, shared by every workload on the host (development and tests; {@code
 * wash dev}'s {@code InMemoryMessaging}). A workload selects it by naming its entries after it.
 */
public final class InMemoryMessagingPlugin extends MessagingPlugin {
  /** The plugin id. */
  public static final String ID = "wasmcloud-messaging-memory";

  private final MemoryBroker broker = new MemoryBroker();

  @Override
  public String id() {
    return ID;
  }

  /** The in-process broker: tests publish and request through it. */
  @Override
  public MemoryBroker broker() {
    return broker;
  }
}
