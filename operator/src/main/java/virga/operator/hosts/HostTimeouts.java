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
 */
public record HostTimeouts(Duration heartbeat, Duration start, Duration status, Duration stop) {
  /** wasmCloud's values: 5 s, 60 s, 5 s, 30 s. */
  public static final HostTimeouts DEFAULT =
      new HostTimeouts(
          Protocol.HEARTBEAT_PROBE_TIMEOUT,
          Protocol.START_TIMEOUT,
          Protocol.STATUS_TIMEOUT,
          Protocol.STOP_TIMEOUT);

  /** Checks every timeout is positive. */
  public HostTimeouts {
    for (Duration d : new Duration[] {heartbeat, start, status, stop}) {
      Objects.requireNonNull(d, "timeout");
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("host request timeouts must be positive, got " + d);
      }
    }
  }

  /** The same timeout for every request (tests). */
  public static HostTimeouts all(Duration timeout) {
    return new HostTimeouts(timeout, timeout, timeout, timeout);
  }
}
