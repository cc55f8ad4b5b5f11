package virga.bench.host;

import java.util.Arrays;
import java.util.Locale;

/** Nearest-rank percentiles of samples in nanoseconds, printed in milliseconds. */
public final class Percentiles {
  private final long[] sorted;

  public Percentiles(long[] nanos) {
    sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  public int count() {
    return sorted.length;
  }

  /** The {@code p}-th percentile (0 < p <= 100), nearest rank. */
  public long at(double p) {
    if (sorted.length == 0) {
      throw new IllegalStateException("no samples");
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  public double meanNanos() {
    return Arrays.stream(sorted).average().orElse(Double.NaN);
  }

  /** {@code prefix_n=.. prefix_p50_ms=.. prefix_p90_ms=.. prefix_p99_ms=.. prefix_max_ms=..}. */
  public String keyValues(String prefix) {
    if (sorted.length == 0) {
      return prefix + "_n=0\n";
    }
    return String.format(
        Locale.ROOT,
        "%1$s_n=%2$d%n%1$s_p50_ms=%3$.3f%n%1$s_p90_ms=%4$.3f%n%1$s_p99_ms=%5$.3f%n"
            + "%1$s_max_ms=%6$.3f%n%1$s_mean_ms=%7$.3f%n",
        prefix,
        sorted.length,
        at(50) / 1e6,
        at(90) / 1e6,
        at(99) / 1e6,
        sorted[sorted.length - 1] / 1e6,
        meanNanos() / 1e6);
  }
}
