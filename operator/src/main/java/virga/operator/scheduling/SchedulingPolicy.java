package virga.operator.scheduling;

/**
 * The operator-wide scheduling knobs ({@code -allow-shared-hosts}, {@code
 * -cpu-backpressure-threshold}, {@code -memory-backpressure-threshold}).
 *
 * @param allowSharedHosts whether a workload may run on a host of another environment
 * @param cpuThresholdPercent hosts above this CPU usage take no new workloads
 * @param memoryThresholdPercent hosts above this memory usage take no new workloads
 */
public record SchedulingPolicy(
    boolean allowSharedHosts, double cpuThresholdPercent, double memoryThresholdPercent) {
  /** wasmCloud's defaults: shared hosts allowed, 80 % / 80 %. */
  public static final SchedulingPolicy DEFAULT = new SchedulingPolicy(true, 80, 80);

  /** Checks the thresholds are percentages. */
  public SchedulingPolicy {
    check("cpu", cpuThresholdPercent);
    check("memory", memoryThresholdPercent);
  }

  private static void check(String what, double percent) {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException(
          what + " threshold must be in (0, 100] percent, got " + percent);
    }
  }
}
