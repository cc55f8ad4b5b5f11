package virga.bench.plugins;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The peer of the message-echo component: a plain jnats responder (one {@link Dispatcher}) on its
 * own connection that answers a request with {@code "echo: "} + its body, as the guest does.
 */
final class EchoResponder implements AutoCloseable {
  private static final byte[] PREFIX = "echo: ".getBytes(StandardCharsets.UTF_8);

  private final Connection connection;

  EchoResponder(Connection connection, String subject) throws Exception {
    this.connection = connection;
    Dispatcher d = connection.createDispatcher(this::answer);
    d.subscribe(subject);
    connection.flush(Duration.ofSeconds(10)); // subscribed on the server before the first request
  }

  private void answer(Message m) {
    if (m.getReplyTo() == null) {
      return;
    }
    byte[] body = m.getData();
    byte[] reply = new byte[PREFIX.length + body.length];
    System.arraycopy(PREFIX, 0, reply, 0, PREFIX.length);
    System.arraycopy(body, 0, reply, PREFIX.length, body.length);
    connection.publish(m.getReplyTo(), reply);
  }

  @Override
  public void close() throws InterruptedException {
    connection.close();
  }
}
