package virga.host.service;

import java.time.Duration;
import java.util.Objects;

/**
 * When a crashed service is restarted: at most {@code maxRestarts} times (0 = never, as wasmCloud's
 * default), waiting {@code initialBackoff} before the first restart and twice as long before each
 * next one up to {@code maxBackoff}; an incarnation that ran for {@code healthyUptime} before it
 * crashed restores the whole budget and the backoff (wasmCloud's budget lasts for the workload's
 * lifetime and it restarts at once).
 */
public record RestartPolicy(
    int maxRestarts, Duration initialBackoff, Duration maxBackoff, Duration healthyUptime) {
  /** The first wait: 200 ms. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);

  /** The cap of the doubling waits: 10 s. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

  /** The uptime after which a crash no longer counts against the budget: 60 s. */
  public static final Duration DEFAULT_HEALTHY_UPTIME = Duration.ofSeconds(60);

  public RestartPolicy {
    if (maxRestarts < 0) {
      throw new IllegalArgumentException(
          "maxRestarts must be 0 (never restart) or more, not " + maxRestarts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(healthyUptime, "healthyUptime");
    if (initialBackoff.isNegative() || healthyUptime.isNegative()) {
      throw new IllegalArgumentException("backoff and healthy uptime must not be negative");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
  }

  /** The manifest's {@code service.maxRestarts} with the default backoff and healthy uptime. */
  public static RestartPolicy maxRestarts(int maxRestarts) {
    return new RestartPolicy(
        maxRestarts, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_HEALTHY_UPTIME);
  }

  /** The wait before restart number {@code attempt} (1 = the first): doubling, capped. */
  public Duration backoff(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt starts at 1, not " + attempt);
    }
    Duration d = initialBackoff;
    for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
