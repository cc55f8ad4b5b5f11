package virga.operator.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.ConnectionListener.Events;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BusHealthTest {
  /** A clock tests move by hand. */
  static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final BusHealth health = new BusHealth(clock);
  private static final Duration TTL = Duration.ofSeconds(60);

  @Test
  void startsDisconnectedAndUnstable() {
    assertThat(health.connected()).isFalse();
    assertThat(health.connectedSince()).isEmpty();
    assertThat(health.stableFor(Duration.ZERO)).isFalse();
  }

  @Test
  void becomesStableOnlyAfterAFullWindow() {
    health.connectionEvent(null, Events.CONNECTED);
    Instant since = clock.instant();
    clock.advance(Duration.ofSeconds(59));
    assertThat(health.stableFor(TTL)).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(health.stableFor(TTL)).isTrue();
    assertThat(health.connectedSince()).contains(since);
  }

  @Test
  void aDisconnectRestartsTheWindow() {
    health.connectionEvent(null, Events.CONNECTED);
    clock.advance(Duration.ofMinutes(5));
    health.connectionEvent(null, Events.DISCONNECTED);
    Instant lost = clock.instant();
    assertThat(health.stableFor(TTL)).isFalse();
    assertThat(health.disconnects()).isEqualTo(1);
    assertThat(health.lastDisconnect()).contains(lost);

    clock.advance(Duration.ofSeconds(10));
    health.connectionEvent(null, Events.RECONNECTED);
    clock.advance(Duration.ofSeconds(30));
    assertThat(health.stableFor(TTL)).isFalse();
    clock.advance(Duration.ofSeconds(30));
    assertThat(health.stableFor(TTL)).isTrue();
  }

  @Test
  void repeatedConnectEventsKeepTheFirstTimeAndOtherEventsChangeNothing() {
    health.connectionEvent(null, Events.CONNECTED);
    Instant since = clock.instant();
    clock.advance(Duration.ofSeconds(5));
    health.connectionEvent(null, Events.RESUBSCRIBED);
    health.connectionEvent(null, Events.RECONNECTED);
    health.connectionEvent(null, Events.LAME_DUCK);
    assertThat(health.connectedSince()).contains(since);
  }

  @Test
  void closeCountsAsDisconnectedButADisconnectWhileDownIsNotCountedTwice() {
    health.connectionEvent(null, Events.CONNECTED);
    health.connectionEvent(null, Events.DISCONNECTED);
    health.connectionEvent(null, Events.CLOSED);
    assertThat(health.connected()).isFalse();
    assertThat(health.disconnects()).isEqualTo(1);
  }
}
