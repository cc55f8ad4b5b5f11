package virga.protocol;

import java.time.Duration;

/**
 * Timing constants of the wasmCloud v2 host protocol, as the Rust host and the Go operator use
 * them.
 */
public final class Protocol {
  /** How often a host publishes its heartbeat. */
  public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);

  /** How long without a heartbeat before a host counts as unreachable. */
  public static final Duration HEARTBEAT_TTL = Duration.ofSeconds(60);

  /** Request timeouts the operator uses. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  public static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration HEARTBEAT_PROBE_TIMEOUT = Duration.ofSeconds(5);

  private Protocol() {}
}
