package virga.operator.hosts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import virga.protocol.Protocol;
import virga.protocol.v2.HostHeartbeat;

/**
 * The last heartbeat of every host, kept in memory: Host objects do not carry the interfaces a host
 * advertises ({@code imports}/{@code exports}), which the scheduler needs. Feed it from a heartbeat
 * listener; entries older than the heartbeat TTL are dropped, so the scheduler asks the host for a
 * fresh heartbeat instead (which also covers an operator that nobody feeds heartbeats to).
 */
public final class HostRegistry implements HeartbeatHandler {
  private record Entry(HostHeartbeat heartbeat, Instant at) {}

  private final Map<String, Entry> last = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration ttl;

  /** A registry with the wasmCloud heartbeat TTL (60 s). */
  public HostRegistry() {
    this(Clock.systemUTC(), Protocol.HEARTBEAT_TTL);
  }

  public HostRegistry(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  @Override
  public void onHeartbeat(String hostId, HostHeartbeat heartbeat) {
    last.put(hostId, new Entry(heartbeat, clock.instant()));
  }

  /** The last heartbeat of {@code hostId}, if it is younger than the TTL. */
  public Optional<HostHeartbeat> get(String hostId) {
    Entry e = last.get(hostId);
    if (e == null || e.at().plus(ttl).isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(e.heartbeat());
  }

  /** Forgets a host. */
  public void forget(String hostId) {
    last.remove(hostId);
  }
}
