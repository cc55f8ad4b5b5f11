package virga.operator.workload;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import virga.operator.hosts.HeartbeatHandler;
import virga.protocol.v2.HostHeartbeat;

/**
 * The last heartbeat of every host, kept in memory: Host objects do not carry the interfaces a host
 * advertises ({@code imports}/{@code exports}), which the scheduler needs. Feed it from the
 * heartbeat listener ({@code new HeartbeatListener(conn, registry)} or from another handler).
 */
public final class HostRegistry implements HeartbeatHandler {
  private final Map<String, HostHeartbeat> last = new ConcurrentHashMap<>();

  @Override
  public void onHeartbeat(String hostId, HostHeartbeat heartbeat) {
    last.put(hostId, heartbeat);
  }

  /** The last heartbeat of {@code hostId}. */
  public Optional<HostHeartbeat> get(String hostId) {
    return Optional.ofNullable(last.get(hostId));
  }

  /** Forgets a host (its Host object is gone). */
  public void forget(String hostId) {
    last.remove(hostId);
  }
}
