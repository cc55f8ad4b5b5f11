package virga.operator.controller.host;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the Host controller.
 *
 * @param heartbeatTtl how long a Host may go without a heartbeat before it is unreachable (and how
 *     long the operator's own NATS connection must have been up before it deletes one): wasmCloud's
 *     {@code HeartbeatTTL}, 60 s
 * @param interval how often each Host is reconciled when nothing changes: 1 min
 */
public record HostSettings(Duration heartbeatTtl, Duration interval) {
  /** wasmCloud's values. */
  public static final HostSettings DEFAULT =
      new HostSettings(Duration.ofSeconds(60), Duration.ofMinutes(1));

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
