package virga.operator.hosts;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.protocol.v2.HostHeartbeat;

/**
 * Hands every heartbeat of the operator's one {@link virga.operator.hosts.HeartbeatListener} to
 * several handlers in the order they were added: the Host controller's registrar and the Workload
 * controller's host registry (the interfaces hosts advertise, which the scheduler needs). A handler
 * that throws is logged and counted; the others still get the heartbeat.
 */
public final class HeartbeatFanOut implements HeartbeatHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HeartbeatFanOut.class);

  private final List<HeartbeatHandler> handlers = new CopyOnWriteArrayList<>();
  private final AtomicLong failures = new AtomicLong();

  /** A fan-out to {@code handlers} (more can be added later). */
  public HeartbeatFanOut(HeartbeatHandler... handlers) {
    for (HeartbeatHandler h : handlers) {
      add(h);
    }
  }

  /** Adds a handler; it gets every heartbeat from now on. */
  public HeartbeatFanOut add(HeartbeatHandler handler) {
    handlers.add(Objects.requireNonNull(handler, "handler"));
    return this;
  }

  /** The handlers, in the order they get heartbeats. */
  public List<HeartbeatHandler> handlers() {
    return List.copyOf(handlers);
  }

  /** Heartbeats a handler threw on. */
  public long failures() {
    return failures.get();
  }

  @Override
  public void onHeartbeat(String hostId, HostHeartbeat heartbeat) {
    for (HeartbeatHandler h : handlers) {
      try {
        h.onHeartbeat(hostId, heartbeat);
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        LOG.warn(
            "heartbeat handler {} failed for host {}: {}",
            h.getClass().getSimpleName(),
            hostId,
            e.toString());
      }
    }
  }
}
