package virga.operator.hosts;

import java.time.Duration;
import java.util.Objects;
import virga.protocol.Protocol;

/**
 * How long the operator waits for each host request.
 *
 * @param heartbeat the liveness probe on {@code runtime.host.<id>.heartbeat}
 * @param start {@code workload.start}: the host pulls every image before it answers
 * @param status {@code workload.status}
 * @param stop {@code workload.stop}
 * @param config {@code workload.config}, Virga's live-config extension
 */
public record HostTimeouts(
    Duration heartbeat, Duration start, Duration status, Duration stop, Duration config) {
  /** wasmCloud's values: 5 s, 60 s, 5 s, 30 s; 10 s for a config update. */
  public static final HostTimeouts DEFAULT =
      new HostTimeouts(
          Protocol.HEARTBEAT_PROBE_TIMEOUT,
          Protocol.START_TIMEOUT,
          Protocol.STATUS_TIMEOUT,
          Protocol.STOP_TIMEOUT,
          Protocol.CONFIG_UPDATE_TIMEOUT);

  /** Checks every timeout is positive. */
  public HostTimeouts {
    for (Duration d : new Duration[] {heartbeat, start, status, stop, config}) {
      Objects.requireNonNull(d, "timeout");
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("host request timeouts must be positive, got " + d);
      }
    }
  }

  /** wasmCloud's four timeouts, with the protocol's default for a config update. */
  public HostTimeouts(Duration heartbeat, Duration start, Duration status, Duration stop) {
    this(heartbeat, start, status, stop, Protocol.CONFIG_UPDATE_TIMEOUT);
  }

  /** The same timeout for every request (tests). */
  public static HostTimeouts all(Duration timeout) {
    return new HostTimeouts(timeout, timeout, timeout, timeout, timeout);
  }
}
