package virga.operator.hosts;

import virga.protocol.v2.HostHeartbeat;

/** Receives each decoded host heartbeat. */
@FunctionalInterface
public interface HeartbeatHandler {
  /**
   * Called on the NATS dispatcher thread for every heartbeat; {@code hostId} is the one in the
   * subject, which is what the host answers requests on.
   */
  void onHeartbeat(String hostId, HostHeartbeat heartbeat);
}
