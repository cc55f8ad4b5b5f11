package virga.plugins.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import virga.component.values.Value;
import virga.plugin.Result;
import virga.plugin.bind.TypedBindings;
import virga.plugin.testing.TestPluginContext;
import virga.plugins.messaging.broker.BrokerException;
import virga.plugins.messaging.broker.BrokerMessage;

class InMemoryMessagingPluginTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final InMemoryMessagingPlugin plugin = new InMemoryMessagingPlugin();
  private final TestPluginContext context = new TestPluginContext();

  InMemoryMessagingPluginTest() throws Exception {
    plugin.start(context);
  }

  @AfterEach
  void stop() {
    plugin.stop();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void publish(String subject, String body) throws BrokerException {
    plugin.broker().publish(subject, null, bytes(body));
  }

  @SuppressWarnings("unchecked")
  private static MessagingConsumer consumer(FakeWorkload w) {
    return (MessagingConsumer) w.item.implementation(MessagingPlugin.CONSUMER);
  }

  @Test
  void replicasOfOneDeploymentShareTheDefaultGroupSoEachMessageIsHandledOnce() throws Exception {
    FakeWorkload a =
        new FakeWorkload("w-a", "orders-7d9f-abcde", "orders").start(plugin, subs("orders.*"));
    FakeWorkload b =
        new FakeWorkload("w-b", "orders-7d9f-fghij", "orders").start(plugin, subs("orders.*"));

    for (int i = 0; i < 100; i++) {
      publish("orders.created", "m" + i);
    }

    Await.until(() -> a.received.size() + b.received.size() >= 100, WAIT, "100 messages handled");
    Await.settle();
    assertThat(a.received.size() + b.received.size()).isEqualTo(100);
    Set<String> bodies = new HashSet<>();
    a.received.forEach(m -> bodies.add(FakeWorkload.text(m)));
    b.received.forEach(m -> bodies.add(FakeWorkload.text(m)));
    assertThat(bodies).hasSize(100);
    assertThat(a.received).isNotEmpty();
    assertThat(b.received).isNotEmpty();
    assertThat(plugin.subscriptions("w-a", "echo").orElseThrow().getValue())
        .isEqualTo(plugin.subscriptions("w-b", "echo").orElseThrow().getValue())
        .hasValueSatisfying(g -> assertThat(g).startsWith("wasmcloud.default.orders.echo."));
  }

  @Test
  void withoutTheDeploymentAnnotationTheWorkloadNameIsTheGroupSoEveryWorkloadGetsEachMessage()
      throws Exception {
    FakeWorkload a = new FakeWorkload("w-a", "orders-a", null).start(plugin, subs("orders.*"));
    FakeWorkload b = new FakeWorkload("w-b", "orders-b", null).start(plugin, subs("orders.*"));

    for (int i = 0; i < 20; i++) {
      publish("orders.created", "m" + i);
    }

    Await.until(() -> a.received.size() == 20 && b.received.size() == 20, WAIT, "20 each");
    Await.settle();
    assertThat(a.received).hasSize(20);
    assertThat(b.received).hasSize(20);
  }

  @Test
  void broadcastGivesEveryReplicaEveryMessage() throws Exception {
    Map<String, String> config = Map.of("subscriptions", "news", "consumer_group", "broadcast");
    FakeWorkload a = new FakeWorkload("w-a", "news-1", "news").start(plugin, config);
    FakeWorkload b = new FakeWorkload("w-b", "news-2", "news").start(plugin, config);

    for (int i = 0; i < 30; i++) {
      publish("news", "n" + i);
    }

    Await.until(() -> a.received.size() == 30 && b.received.size() == 30, WAIT, "30 each");
    Await.settle();
    assertThat(a.received).hasSize(30);
    assertThat(b.received).hasSize(30);
    assertThat(plugin.subscriptions("w-a", "echo").orElseThrow().getValue()).isEmpty();
  }

  @Test
  void anExplicitConsumerGroupIsSharedAcrossDeployments() throws Exception {
    Map<String, String> config = Map.of("subscriptions", "jobs.>", "consumer_group", "workers");
    FakeWorkload a = new FakeWorkload("w-a", "x", "one").start(plugin, config);
    FakeWorkload b = new FakeWorkload("w-b", "y", "two").start(plugin, config);

    for (int i = 0; i < 40; i++) {
      publish("jobs.a.b", "j" + i);
    }

    Await.until(() -> a.received.size() + b.received.size() >= 40, WAIT, "40 handled");
    Await.settle();
    assertThat(a.received.size() + b.received.size()).isEqualTo(40);
  }

  @Test
  void theHandlerGetsSubjectBodyAndReplyToAndItsReplyReachesTheRequester() throws Exception {
    FakeWorkload echo = new FakeWorkload("w-e", "echo", "echo");
    echo.handler =
        m -> {
          Result<Void, String> r =
              consumer(echo)
                  .publish(
                      new BrokerMessage(
                          m.replyTo().orElseThrow(),
                          bytes("echo: " + FakeWorkload.text(m)),
                          java.util.Optional.empty()));
          return r.isOk() ? Value.ok() : Value.err(Value.string(r.error()));
        };
    echo.start(plugin, subs("echo.request"));

    Result<BrokerMessage, String> reply =
        consumer(echo).request("echo.request", bytes("hello"), 2000);

    assertThat(reply.isOk()).as("%s", reply.error()).isTrue();
    assertThat(reply.value().body()).isEqualTo(bytes("echo: hello"));
    BrokerMessage got = echo.received.get(0);
    assertThat(got.subject()).isEqualTo("echo.request");
    assertThat(got.body()).isEqualTo(bytes("hello"));
    assertThat(got.replyTo()).hasValueSatisfying(r -> assertThat(r).startsWith("_INBOX."));
    assertThat(echo.calls).containsExactly("echo wasmcloud:messaging/handler@0.2.0#handle-message");
  }

  @Test
  void aRequestNobodyAnswersInTimeIsTheTimeoutErrorString() throws Exception {
    FakeWorkload silent = new FakeWorkload("w-s", "silent", "silent").start(plugin, subs("quiet"));

    long start = System.nanoTime();
    Result<BrokerMessage, String> reply = consumer(silent).request("quiet", bytes("?"), 200);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(reply.isOk()).isFalse();
    assertThat(reply.error()).isEqualTo("request timed out after 200ms");
    assertThat(ms).isBetween(190L, 2000L);
  }

  @Test
  void aRequestToASubjectWithoutSubscribersFailsAtOnceWithNoResponders() throws Exception {
    FakeWorkload w = new FakeWorkload("w-n", "n", "n").start(plugin, Map.of());

    Result<BrokerMessage, String> reply = consumer(w).request("nobody.home", bytes("?"), 5000);

    assertThat(reply.error()).isEqualTo("failed to send request: no responders");
  }

  @Test
  void publishingToAnInvalidSubjectIsAnErrorNotATrap() throws Exception {
    FakeWorkload w = new FakeWorkload("w-i", "i", "i").start(plugin, Map.of());

    Result<Void, String> r = consumer(w).publish(BrokerMessage.of("a..b", bytes("x")));
    Result<Void, String> wildcard = consumer(w).publish(BrokerMessage.of("a.*", bytes("x")));

    assertThat(r.error()).isEqualTo("failed to send message: invalid subject 'a..b': empty token");
    assertThat(wildcard.error())
        .isEqualTo(
            "failed to send message: invalid subject 'a.*': wildcards are for subscriptions only");
  }

  @Test
  void aMessageThatFindsNoSlotWithinAdmissionWaitIsShedAndCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeWorkload slow = new FakeWorkload("w-slow", "slow", "slow");
    slow.handler = m -> FakeWorkload.holdUntil(release);
    slow.start(
        plugin, Map.of("subscriptions", "work", "max_in_flight", "1", "admission_wait", "0"));

    publish("work", "1");
    Await.until(() -> slow.received.size() == 1, WAIT, "first message running");
    publish("work", "2");
    publish("work", "3");
    Await.until(
        () -> context.count("virga.messaging.admission.shed", "component", "echo") == 2,
        WAIT,
        "two shed");
    release.countDown();
    Await.until(
        () -> context.count("virga.messaging.handled", "outcome", "ok") == 1, WAIT, "one handled");

    assertThat(slow.received).hasSize(1);
    assertThat(
            context
                .meterRegistry()
                .get("virga.messaging.admission.shed")
                .tag("deployment", "slow")
                .tag("subscription", "work")
                .counter()
                .count())
        .isEqualTo(2.0);
    // the slot is free again: the next message is handled
    publish("work", "4");
    Await.until(() -> slow.received.size() == 2, WAIT, "fourth handled");
  }

  @Test
  void aMessageWaitsForASlotUpToAdmissionWait() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeWorkload slow = new FakeWorkload("w-q", "q", "q");
    slow.handler =
        m -> FakeWorkload.text(m).equals("1") ? FakeWorkload.holdUntil(release) : Value.ok();
    slow.start(plugin, Map.of("subscriptions", "q", "max_in_flight", "1", "admission_wait", "5s"));

    publish("q", "1");
    publish("q", "2");
    Await.until(() -> slow.received.size() == 1, WAIT, "first running");
    Await.settle();
    assertThat(slow.received).hasSize(1);
    release.countDown();

    Await.until(() -> slow.received.size() == 2, WAIT, "second admitted once the first ended");
    assertThat(context.count("virga.messaging.admission.shed", "component", "echo")).isZero();
  }

  @Test
  void aHandlerErrorOrTrapDoesNotEndTheSubscription() throws Exception {
    FakeWorkload w = new FakeWorkload("w-t", "t", "t");
    w.handler =
        m ->
            switch (FakeWorkload.text(m)) {
              case "trap" -> throw new IllegalStateException("wasm trap: unreachable");
              case "err" -> Value.err(Value.string("bad input"));
              default -> Value.ok();
            };
    w.start(plugin, subs("t"));

    publish("t", "trap");
    publish("t", "err");
    publish("t", "fine");

    Await.until(() -> w.received.size() == 3, WAIT, "three delivered");
    Await.until(
        () -> context.count("virga.messaging.handled", "outcome", "ok") == 1, WAIT, "one ok");
    assertThat(context.count("virga.messaging.handled", "outcome", "trap")).isEqualTo(1.0);
    assertThat(context.count("virga.messaging.handled", "outcome", "error")).isEqualTo(1.0);
  }

  @Test
  void withoutSubscriptionsNothingIsSubscribed() throws Exception {
    FakeWorkload w = new FakeWorkload("w-0", "z", "z").start(plugin, Map.of());

    assertThat(plugin.subscriptions("w-0", "echo")).isEmpty();
    assertThat(plugin.broker().subscriptionCount()).isZero();
  }

  @Test
  void localResourcesConfigWinsOverTheHostInterfaceConfig() throws Exception {
    FakeWorkload w = new FakeWorkload("w-l", "l", "l");
    w.item.config("subscriptions", " local.a , local.b ");
    w.start(plugin, Map.of("subscriptions", "iface", "consumer_group", "g1"));

    assertThat(plugin.subscriptions("w-l", "echo").orElseThrow())
        .isEqualTo(Map.entry(List.of("local.a", "local.b"), java.util.Optional.of("g1")));
  }

  @Test
  void unbindUnsubscribesAndMayComeTwice() throws Exception {
    FakeWorkload w = new FakeWorkload("w-u", "u", "u").start(plugin, subs("u.1,u.2"));
    assertThat(plugin.broker().subscriptionCount()).isEqualTo(2);

    plugin.onWorkloadUnbind("w-u", Set.of());
    plugin.onWorkloadUnbind("w-u", Set.of());
    publish("u.1", "late");
    Await.settle();

    assertThat(plugin.broker().subscriptionCount()).isZero();
    assertThat(w.received).isEmpty();
    assertThat(plugin.subscriptions("w-u", "echo")).isEmpty();
  }

  @Test
  void aConfigUpdateMovesTheSubscriptionsWithoutARestart() throws Exception {
    FakeWorkload w = new FakeWorkload("w-c", "c", "c").start(plugin, subs("old"));
    w.item.config("subscriptions", "new.*");

    plugin.onWorkloadConfigUpdate(w.item, Set.of(FakeWorkload.HANDLER_ENTRY));
    publish("old", "1");
    publish("new.x", "2");

    Await.until(() -> w.received.size() == 1, WAIT, "one delivered");
    Await.settle();
    assertThat(w.received).extracting(FakeWorkload::text).containsExactly("2");
    assertThat(plugin.broker().subscriptionCount()).isEqualTo(1);
  }

  @Test
  void aBadConsumerGroupFailsTheBindWithTheKeyAndValue() {
    FakeWorkload w = new FakeWorkload("w-b", "b", "b");

    assertThatThrownBy(() -> w.start(plugin, Map.of("subscriptions", "x", "consumer_group", "a b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "wasmcloud:messaging config of 'echo': consumer_group 'a b' is not a valid NATS queue"
                + " group (no whitespace, '*' or '>')");
  }

  @Test
  void subscriptionsOnAnItemWithoutTheHandlerExportFailTheBind() {
    virga.plugin.testing.TestItem publisher =
        virga.plugin.testing.TestItem.component(
                "w-p",
                "publisher",
                virga.plugin.WitWorld.serving("wasmcloud:messaging/consumer,types@0.2.0"))
            .config("subscriptions", "x");

    assertThatThrownBy(
            () -> plugin.onWorkloadItemBind(publisher, Set.of(FakeWorkload.CONSUMER_ENTRY)))
        .hasMessage(
            "component 'publisher' sets subscriptions but does not export"
                + " wasmcloud:messaging/handler@0.2.0");
  }

  @Test
  void theConsumerMatchesTheWitThroughTheRealGlue() {
    TypedBindings bindings = new TypedBindings(plugin.wit(), List.of());
    virga.plugin.testing.TestItem item =
        virga.plugin.testing.TestItem.component("w-g", "echo", FakeWorkload.HANDLER_WORLD)
            .forwardingTo(bindings);

    plugin.onWorkloadItemBind(item, Set.of(FakeWorkload.CONSUMER_ENTRY));

    assertThat(item.registrations()).isEqualTo(1);
    assertThat(item.implementation(MessagingPlugin.CONSUMER)).isInstanceOf(MessagingConsumer.class);
  }

  @Test
  void hostSettingsSetTheCeilings() throws Exception {
    InMemoryMessagingPlugin p = new InMemoryMessagingPlugin();
    p.start(new TestPluginContext(Map.of("max-in-flight", "8")));
    assertThat(p.maxInFlight()).isEqualTo(8);
    assertThat(p.maxInFlightPerComponent()).isEqualTo(2);

    InMemoryMessagingPlugin q = new InMemoryMessagingPlugin();
    assertThatThrownBy(() -> q.start(new TestPluginContext(Map.of("max-in-flight", "lots"))))
        .hasMessage("setting max-in-flight must be a positive number of messages, got 'lots'");
    InMemoryMessagingPlugin defaults = new InMemoryMessagingPlugin();
    assertThat(defaults.maxInFlight()).isEqualTo(128);
    assertThat(defaults.maxInFlightPerComponent()).isEqualTo(32);
  }

  @Test
  void theNatsPluginWithoutADataConnectionFailsTheWorkloadWithWhatToDo() throws Exception {
    NatsMessagingPlugin nats = new NatsMessagingPlugin();
    nats.start(new TestPluginContext());
    FakeWorkload w = new FakeWorkload("w-x", "x", "x");

    assertThatThrownBy(() -> w.start(nats, subs("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs the host's data NATS connection")
        .hasMessageContaining("--data-nats-url");
  }

  private static Map<String, String> subs(String subjects) {
    return Map.of("subscriptions", subjects);
  }
}
