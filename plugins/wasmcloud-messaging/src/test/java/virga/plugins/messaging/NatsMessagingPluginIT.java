package virga.plugins.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import virga.component.values.Value;
import virga.plugin.Result;
import virga.plugin.testing.TestPluginContext;
import virga.plugins.messaging.broker.BrokerMessage;
import virga.testsupport.NatsServer;
import virga.testsupport.WithNatsServer;

/** The NATS plugin against a real nats-server: two "hosts" are two plugins with two connections. */
@WithNatsServer
class NatsMessagingPluginIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<Connection> connections = new ArrayList<>();
  private final List<MessagingPlugin> plugins = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (MessagingPlugin p : plugins) {
      p.stop();
    }
    for (Connection c : connections) {
      c.close();
    }
  }

  private Connection connect(NatsServer server) throws Exception {
    Connection c =
        Nats.connect(
            Options.builder()
                .server(server.url())
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100))
                // the test stops the server on purpose: no log line per reconnect attempt
                .errorListener(new ErrorListener() {})
                .build());
    connections.add(c);
    return c;
  }

  private NatsMessagingPlugin host(NatsServer server, TestPluginContext context) throws Exception {
    NatsMessagingPlugin p = new NatsMessagingPlugin();
    p.start(context.share(Connection.class, connect(server)));
    plugins.add(p);
    return p;
  }

  private NatsMessagingPlugin host(NatsServer server) throws Exception {
    return host(server, new TestPluginContext());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static MessagingConsumer consumer(FakeWorkload w) {
    return (MessagingConsumer) w.item.implementation(MessagingPlugin.CONSUMER);
  }

  @Test
  void replicasOfOneDeploymentOnTwoHostsHandleEachMessageOnce(NatsServer server) throws Exception {
    Map<String, String> config = Map.of("subscriptions", "orders.*");
    FakeWorkload a =
        new FakeWorkload("w-a", "orders-5f6-aaaaa", "orders").start(host(server), config);
    FakeWorkload b =
        new FakeWorkload("w-b", "orders-5f6-bbbbb", "orders").start(host(server), config);
    Connection client = connect(server);

    for (int i = 0; i < 200; i++) {
      client.publish("orders.created", bytes("m" + i));
    }
    client.flush(WAIT);

    Await.until(() -> a.received.size() + b.received.size() >= 200, WAIT, "200 handled");
    Await.settle();
    assertThat(a.received.size() + b.received.size()).isEqualTo(200);
    Set<String> bodies = new HashSet<>();
    a.received.forEach(m -> bodies.add(FakeWorkload.text(m)));
    b.received.forEach(m -> bodies.add(FakeWorkload.text(m)));
    assertThat(bodies).hasSize(200);
    assertThat(a.received).isNotEmpty();
    assertThat(b.received).isNotEmpty();
  }

  @Test
  void broadcastGivesEveryReplicaEveryMessage(NatsServer server) throws Exception {
    Map<String, String> config = Map.of("subscriptions", "news.>", "consumer_group", "broadcast");
    FakeWorkload a = new FakeWorkload("w-a", "news-1", "news").start(host(server), config);
    FakeWorkload b = new FakeWorkload("w-b", "news-2", "news").start(host(server), config);
    Connection client = connect(server);

    for (int i = 0; i < 50; i++) {
      client.publish("news.sport.today", bytes("n" + i));
    }
    client.flush(WAIT);

    Await.until(() -> a.received.size() == 50 && b.received.size() == 50, WAIT, "50 each");
    Await.settle();
    assertThat(a.received).hasSize(50);
    assertThat(b.received).hasSize(50);
  }

  @Test
  void subscriptionsAreLiveWhenResolvedReturnsAndTheComponentRepliesItself(NatsServer server)
      throws Exception {
    FakeWorkload echo = new FakeWorkload("w-e", "echo", "echo");
    echo.handler =
        m -> {
          Result<Void, String> r =
              consumer(echo)
                  .publish(
                      new BrokerMessage(
                          m.replyTo().orElseThrow(),
                          bytes("echo: " + FakeWorkload.text(m)),
                          Optional.empty()));
          return r.isOk() ? Value.ok() : Value.err(Value.string(r.error()));
        };
    echo.start(host(server), Map.of("subscriptions", "svc.echo"));
    Connection client = connect(server);

    // no retry, no sleep: a request right after the start must find the subscription
    Message reply = client.request("svc.echo", bytes("hi"), WAIT);

    assertThat(reply).isNotNull();
    assertThat(reply.getData()).isEqualTo(bytes("echo: hi"));
    assertThat(echo.received.get(0).replyTo()).isPresent();
  }

  @Test
  void aGuestRequestGetsTheReplyAndTimesOutWithTheErrorString(NatsServer server) throws Exception {
    FakeWorkload w = new FakeWorkload("w-r", "r", "r").start(host(server), Map.of());
    Connection responder = connect(server);
    responder
        .createDispatcher(m -> responder.publish(m.getReplyTo(), bytes("pong")))
        .subscribe("ping");
    responder.createDispatcher(m -> {}).subscribe("silent");
    responder.flush(WAIT);

    Result<BrokerMessage, String> ok = consumer(w).request("ping", bytes("?"), 2000);
    long start = System.nanoTime();
    Result<BrokerMessage, String> late = consumer(w).request("silent", bytes("?"), 300);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    Result<BrokerMessage, String> none = consumer(w).request("nobody.home", bytes("?"), 5000);

    assertThat(ok.value().body()).isEqualTo(bytes("pong"));
    assertThat(late.error()).isEqualTo("request timed out after 300ms");
    assertThat(ms).isBetween(290L, 3000L);
    assertThat(none.error()).isEqualTo("failed to send request: no responders");
  }

  @Test
  void aServerThatGoesAwayMidRequestGivesAnErrorNotAHang(NatsServer server) throws Exception {
    FakeWorkload w = new FakeWorkload("w-g", "g", "g").start(host(server), Map.of());
    Connection responder = connect(server);
    responder.createDispatcher(m -> {}).subscribe("slow");
    responder.flush(WAIT);

    long start = System.nanoTime();
    CompletableFuture<Result<BrokerMessage, String>> call =
        CompletableFuture.supplyAsync(() -> consumer(w).request("slow", bytes("?"), 2000));
    Thread.sleep(200);
    server.stop();
    Result<BrokerMessage, String> r = call.get(10, TimeUnit.SECONDS);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(r.isOk()).isFalse();
    assertThat(r.error()).isEqualTo("request timed out after 2000ms");
    assertThat(ms).isLessThan(5000L);

    // while the server is down: still an answer within the timeout
    start = System.nanoTime();
    Result<BrokerMessage, String> down = consumer(w).request("slow", bytes("?"), 500);
    assertThat(down.isOk()).isFalse();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000L);
  }

  @Test
  void aClosedConnectionIsAnErrorStringForRequestAndPublish(NatsServer server) throws Exception {
    Connection c = connect(server);
    NatsMessagingPlugin p = new NatsMessagingPlugin(c);
    plugins.add(p);
    FakeWorkload w = new FakeWorkload("w-c", "c", "c").start(p, Map.of());
    c.close();

    Result<BrokerMessage, String> r = consumer(w).request("x", bytes("?"), 1000);
    Result<Void, String> pub = consumer(w).publish(BrokerMessage.of("x", bytes("?")));

    assertThat(r.error()).startsWith("failed to send request: ").containsIgnoringCase("closed");
    assertThat(pub.error()).startsWith("failed to send message: ").containsIgnoringCase("closed");
  }

  @Test
  void admissionShedsWhatFindsNoSlotAndCountsIt(NatsServer server) throws Exception {
    TestPluginContext context = new TestPluginContext();
    CountDownLatch release = new CountDownLatch(1);
    FakeWorkload slow = new FakeWorkload("w-s", "s", "slow");
    slow.handler = m -> FakeWorkload.holdUntil(release);
    slow.start(
        host(server, context),
        Map.of("subscriptions", "work.*", "max_in_flight", "1", "admission_wait", "0"));
    Connection client = connect(server);

    client.publish("work.1", bytes("1"));
    client.flush(WAIT);
    Await.until(() -> slow.received.size() == 1, WAIT, "first running");
    for (int i = 2; i <= 4; i++) {
      client.publish("work." + i, bytes("" + i));
    }
    client.flush(WAIT);

    Await.until(
        () -> context.count("virga.messaging.admission.shed", "subscription", "work.*") == 3,
        WAIT,
        "three shed");
    release.countDown();
    Await.until(
        () -> context.count("virga.messaging.handled", "outcome", "ok") == 1, WAIT, "one handled");
    assertThat(slow.received).hasSize(1);
  }

  @Test
  void unbindUnsubscribes(NatsServer server) throws Exception {
    NatsMessagingPlugin p = host(server);
    new FakeWorkload("w-u", "u", "u").start(p, Map.of("subscriptions", "gone"));
    Connection client = connect(server);
    client.request("gone", bytes("?"), Duration.ofMillis(1)); // warm up: subscribed

    p.onWorkloadUnbind("w-u", Set.of());
    p.onWorkloadUnbind("w-u", Set.of());
    client.flush(WAIT);
    connections.get(0).flush(WAIT);

    CompletableFuture<Message> f = client.requestWithTimeout("gone", bytes("?"), WAIT);
    assertThat(f)
        .failsWithin(WAIT)
        .withThrowableOfType(java.util.concurrent.CancellationException.class);
  }
}
