package virga.operator.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the operator's own NATS connection is up, and since when without a break.
 *
 * <p>A host looks dead whenever the operator cannot hear it, including when the operator itself
 * lost the bus. wasmCloud PR #5502: after a NATS outage every Host was declared unreachable and
 * deleted with all its Workloads. Callers therefore ask {@link #stableFor} with the heartbeat TTL
 * before declaring any host unreachable.
 */
public final class BusHealth implements ConnectionListener {
  private static final Logger LOG = LoggerFactory.getLogger(BusHealth.class);

  private final Clock clock;
  private Instant connectedSince;
  private Instant lastDisconnect;
  private long disconnects;

  /** Health on the system clock, starting disconnected. */
  public BusHealth() {
    this(Clock.systemUTC());
  }

  /** Health on {@code clock}, starting disconnected. */
  public BusHealth(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void connectionEvent(Connection connection, Events event) {
    switch (event) {
      case CONNECTED, RECONNECTED -> markConnected();
      case DISCONNECTED, CLOSED -> markDisconnected();
      default -> {
        // RESUBSCRIBED, DISCOVERED_SERVERS, LAME_DUCK do not change reachability by themselves
      }
    }
    LOG.info("NATS connection event {} (connected={})", event, connected());
  }

  /** Records that the connection is (back) up; a repeat while connected keeps the first time. */
  public synchronized void markConnected() {
    if (connectedSince == null) {
      connectedSince = clock.instant();
    }
  }

  /** Records that the connection is down. */
  public synchronized void markDisconnected() {
    if (connectedSince != null) {
      disconnects++;
      lastDisconnect = clock.instant();
    }
    connectedSince = null;
  }

  /** Whether the connection is up right now. */
  public synchronized boolean connected() {
    return connectedSince != null;
  }

  /** When the current unbroken connection began; empty while disconnected. */
  public synchronized Optional<Instant> connectedSince() {
    return Optional.ofNullable(connectedSince);
  }

  /**
   * Whether the connection has been up without a break for at least {@code window}: only then has
   * the operator had the chance to hear every live host's heartbeat.
   */
  public synchronized boolean stableFor(Duration window) {
    return connectedSince != null && !connectedSince.plus(window).isAfter(clock.instant());
  }

  /** When the connection was last lost; empty if never. */
  public synchronized Optional<Instant> lastDisconnect() {
    return Optional.ofNullable(lastDisconnect);
  }

  /** How many times an established connection was lost. */
  public synchronized long disconnects() {
    return disconnects;
  }
}
