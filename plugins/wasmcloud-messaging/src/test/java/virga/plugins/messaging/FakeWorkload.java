package virga.plugins.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import virga.component.values.Value;
import virga.plugin.ResolvedWorkload;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;
import virga.plugin.testing.TestItem;
import virga.plugins.messaging.broker.BrokerMessage;

/**
 * A workload for the plugin tests: one handler component whose {@code handle-message} is a Java
 * function; it records every message it got.
 */
final class FakeWorkload implements ResolvedWorkload {
  static final WitWorld HANDLER_WORLD =
      WitWorld.serving("wasmcloud:messaging/consumer,types@0.2.0")
          .calling("wasmcloud:messaging/handler@0.2.0");
  static final WitInterface HANDLER_ENTRY = WitInterface.parse("wasmcloud:messaging/handler@0.2.0");
  static final WitInterface CONSUMER_ENTRY =
      WitInterface.parse("wasmcloud:messaging/consumer@0.2.0");

  final String id;
  final String name;
  final Map<String, String> annotations;
  final TestItem item;
  final List<BrokerMessage> received = new CopyOnWriteArrayList<>();
  volatile Function<BrokerMessage, Value> handler = m -> Value.ok();
  final List<String> calls = new CopyOnWriteArrayList<>();

  /** A handler's result after holding its slot until {@code release} (at most 10 s). */
  static Value holdUntil(CountDownLatch release) {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Value.ok();
  }

  FakeWorkload(String id, String name, String deployment) {
    this.id = id;
    this.name = name;
    this.annotations =
        deployment == null ? Map.of() : Map.of(MessagingPlugin.DEPLOYMENT_ANNOTATION, deployment);
    this.item = TestItem.component(id, "echo", HANDLER_WORLD);
  }

  /** Binds and resolves this workload on {@code plugin} with {@code handlerConfig}. */
  FakeWorkload start(MessagingPlugin plugin, Map<String, String> handlerConfig) throws Exception {
    Set<WitInterface> entries = Set.of(HANDLER_ENTRY.withConfig(handlerConfig), CONSUMER_ENTRY);
    plugin.onWorkloadBind(this, entries);
    plugin.onWorkloadItemBind(item, entries);
    plugin.onWorkloadResolved(this, "echo");
    return this;
  }

  static String text(BrokerMessage m) {
    return new String(m.body(), StandardCharsets.UTF_8);
  }

  @Override
  public Value call(String itemName, String function, Value... args) {
    calls.add(itemName + " " + function);
    Value.RecordValue r = (Value.RecordValue) args[0];
    List<Value> bytes = ((Value.ListValue) r.get("body")).elements();
    byte[] body = new byte[bytes.size()];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) ((Value.U8) bytes.get(i)).value();
    }
    Value.OptionValue reply = (Value.OptionValue) r.get("reply-to");
    BrokerMessage m =
        new BrokerMessage(
            ((Value.Str) r.get("subject")).value(),
            body,
            reply.isSome() ? Optional.of(((Value.Str) reply.value()).value()) : Optional.empty());
    received.add(m);
    return handler.apply(m);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String namespace() {
    return "default";
  }

  @Override
  public Map<String, String> annotations() {
    return annotations;
  }

  @Override
  public List<WitInterface> hostInterfaces() {
    return new ArrayList<>(List.of(HANDLER_ENTRY, CONSUMER_ENTRY));
  }

  @Override
  public List<? extends WorkloadItem> items() {
    return List.of(item);
  }
}
