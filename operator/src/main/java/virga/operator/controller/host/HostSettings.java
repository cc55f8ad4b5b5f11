package virga.operator.controller.host;

import java.time.Duration;
import java.util.Objects;
import virga.protocol.Protocol;

/**
 * Timing of the Host controller.
 *
 * @param heartbeatTtl how long a Host may go without a sign of life (a heartbeat, or an answer to
 *     the operator's heartbeat request) before it is unreachable, and how long the operator's own
 *     NATS connection must have been up before it deletes one: {@link Protocol#HEARTBEAT_TTL}, 20 s
 *     (wasmCloud: 60 s, so a killed host's workloads waited a minute)
 * @param interval how often each Host is reconciled when nothing changes: 1 min; a Host is looked
 *     at again when its TTL runs out, if that comes first
 */
public record HostSettings(Duration heartbeatTtl, Duration interval) {
  /** The defaults. */
  public static final HostSettings DEFAULT =
      new HostSettings(Protocol.HEARTBEAT_TTL, Duration.ofMinutes(1));

  public HostSettings {
    Objects.requireNonNull(heartbeatTtl, "heartbeatTtl");
    Objects.requireNonNull(interval, "interval");
    if (heartbeatTtl.isNegative()
        || heartbeatTtl.isZero()
        || interval.isNegative()
        || interval.isZero()) {
      throw new IllegalArgumentException("host timings must be positive");
    }
  }
}
