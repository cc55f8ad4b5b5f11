package virga.component.core;

import java.time.Duration;

/**
 * Limits applied to one instance.
 *
 * @param maxMemoryBytes the most linear memory any one memory of the instance may grow to (0 = no
 *     limit beyond the module's own maximum)
 * @param deadline how long one call into the guest may run before it is interrupted with a trap
 *     (null = no deadline)
 */
public record InstanceLimits(long maxMemoryBytes, Duration deadline) {
  /** No limits beyond the module's own. */
  public static final InstanceLimits NONE = new InstanceLimits(0, null);
}
