package virga.operator.hosts;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.protocol.ProtoJson;
import virga.protocol.ProtocolException;
import virga.protocol.Subjects;
import virga.protocol.v2.HostHeartbeat;

/**
 * Subscribes to every host's heartbeat ({@code runtime.operator.heartbeat.>}) and hands each
 * decoded one to a {@link HeartbeatHandler}. A bad message is logged and counted, never thrown into
 * the dispatcher, so one broken host cannot silence the others.
 */
public final class HeartbeatListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatListener.class);

  private final Connection connection;
  private final HeartbeatHandler handler;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong handlerFailures = new AtomicLong();
  private Dispatcher dispatcher;

  /** A listener that is not subscribed yet; call {@link #start()}. */
  public HeartbeatListener(Connection connection, HeartbeatHandler handler) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /** Subscribes; idempotent. */
  public synchronized HeartbeatListener start() {
    if (dispatcher == null) {
      dispatcher = connection.createDispatcher(this::onMessage);
      dispatcher.subscribe(Subjects.ALL_HEARTBEATS);
    }
    return this;
  }

  /** Heartbeats decoded and handed over. */
  public long received() {
    return received.get();
  }

  /** Messages dropped because the subject or payload was not a heartbeat. */
  public long rejected() {
    return rejected.get();
  }

  /** Heartbeats whose handler threw. */
  public long handlerFailures() {
    return handlerFailures.get();
  }

  private void onMessage(Message message) {
    String subject = message.getSubject();
    Optional<String> hostId = Subjects.heartbeatHostId(subject);
    if (hostId.isEmpty()) {
      rejected.incrementAndGet();
      LOG.warn("ignoring a message on {}: not a heartbeat subject", subject);
      return;
    }
    HostHeartbeat heartbeat;
    try {
      heartbeat = ProtoJson.decode(message.getData(), HostHeartbeat.newBuilder());
    } catch (ProtocolException e) {
      rejected.incrementAndGet();
      LOG.warn("ignoring a malformed heartbeat on {}: {}", subject, e.getMessage());
      return;
    }
    if (!heartbeat.getId().isEmpty() && !heartbeat.getId().equals(hostId.get())) {
      // the subject is what requests are addressed by, so it is the id that counts
      LOG.warn("heartbeat on {} claims id {}; using the subject's id", subject, heartbeat.getId());
    }
    received.incrementAndGet();
    try {
      handler.onHeartbeat(hostId.get(), heartbeat);
    } catch (RuntimeException e) {
      handlerFailures.incrementAndGet();
      LOG.error("heartbeat handler failed for host {}", hostId.get(), e);
    }
  }

  /** Unsubscribes. */
  @Override
  public synchronized void close() {
    // a closed connection has dropped its dispatchers already
    if (dispatcher != null && connection.getStatus() != Connection.Status.CLOSED) {
      connection.closeDispatcher(dispatcher);
      dispatcher = null;
    }
  }
}
