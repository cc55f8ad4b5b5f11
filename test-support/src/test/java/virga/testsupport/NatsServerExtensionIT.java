package virga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

@SuppressWarnings("try") // jnats Connection.close() declares InterruptedException
class NatsServerExtensionIT {

  @RegisterExtension static NatsServerExtension nats = new NatsServerExtension();

  @Test
  void serverListensOnLoopbackAndAnswersRequests() throws Exception {
    assertThat(nats.url()).startsWith("nats://127.0.0.1:");
    try (Connection connection = Nats.connect(nats.url())) {
      Dispatcher echo =
          connection.createDispatcher(m -> connection.publish(m.getReplyTo(), upper(m)));
      echo.subscribe("echo");

      Message reply = connection.request("echo", bytes("hello"), Duration.ofSeconds(5));

      assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("HELLO");
    }
  }

  @Test
  void jetStreamIsEnabled() throws Exception {
    try (Connection connection = Nats.connect(nats.url())) {
      assertThat(connection.jetStreamManagement().getAccountStatistics().getStreams()).isZero();
    }
  }

  @Test
  void clientReconnectsAfterRestartOnTheSamePort(NatsServer server) throws Exception {
    BlockingQueue<ConnectionListener.Events> events = new LinkedBlockingQueue<>();
    Options options =
        new Options.Builder()
            .server(server.url())
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(100))
            .connectionListener((c, e) -> events.add(e))
            .build();
    try (Connection connection = Nats.connect(options)) {
      connection
          .createDispatcher(m -> connection.publish(m.getReplyTo(), upper(m)))
          .subscribe("up");
      int port = server.port();

      server.stop();
      assertThat(server.isRunning()).isFalse();
      assertThat(FreePorts.isListening(port)).isFalse();
      awaitEvent(events, ConnectionListener.Events.DISCONNECTED);

      server.start();
      assertThat(server.port()).isEqualTo(port);
      awaitEvent(events, ConnectionListener.Events.RECONNECTED);

      Message reply = connection.request("up", bytes("again"), Duration.ofSeconds(5));
      assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("AGAIN");
    }
  }

  @Test
  void serverStoppedByATestIsRunningForTheNext() {
    // runs in any order with the test above; either way the server must be up here
    assertThat(nats.server().isRunning()).isTrue();
    nats.server().stop();
  }

  @Test
  void processAndDataAreGoneAfterAFailingClass() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(FailingSample.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.failed(1));

    assertThat(FailingSample.server).isNotNull();
    assertThat(FreePorts.isListening(FailingSample.server.port())).isFalse();
    assertThat(Files.exists(FailingSample.server.dataDir())).isFalse();
  }

  static class FailingSample {
    static NatsServer server;
    @RegisterExtension static NatsServerExtension sampleNats = new NatsServerExtension();

    @Test
    void fails() {
      server = sampleNats.server();
      assertThat(Files.exists(server.dataDir())).isTrue();
      throw new AssertionError("deliberate failure");
    }
  }

  private static void awaitEvent(
      BlockingQueue<ConnectionListener.Events> events, ConnectionListener.Events wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      ConnectionListener.Events e = events.poll(100, TimeUnit.MILLISECONDS);
      if (e == wanted) {
        return;
      }
    }
    throw new AssertionError("no " + wanted + " event within 10 s");
  }

  private static byte[] upper(Message m) {
    return new String(m.getData(), StandardCharsets.UTF_8)
        .toUpperCase()
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
