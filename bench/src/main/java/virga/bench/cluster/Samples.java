package virga.bench.cluster;

import java.util.Arrays;
import java.util.Locale;

/** Latency samples in nanoseconds, as nearest-rank percentiles in milliseconds. */
final class Samples {
  private long[] nanos = new long[16];
  private int n;

  void add(long value) {
    if (n == nanos.length) {
      nanos = Arrays.copyOf(nanos, n * 2);
    }
    nanos[n++] = value;
  }

  int count() {
    return n;
  }

  /**
   * {@code prefix_n}, {@code _p50_ms}, {@code _p90_ms}, {@code _p99_ms}, {@code _max_ms}, {@code
   * _mean_ms}.
   */
  String keyValues(String prefix) {
    if (n == 0) {
      return prefix + "_n=0\n";
    }
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%1$s_n=%2$d%n%1$s_p50_ms=%3$.2f%n%1$s_p90_ms=%4$.2f%n%1$s_p99_ms=%5$.2f%n"
            + "%1$s_max_ms=%6$.2f%n%1$s_mean_ms=%7$.2f%n",
        prefix,
        n,
        rank(sorted, 50) / 1e6,
        rank(sorted, 90) / 1e6,
        rank(sorted, 99) / 1e6,
        sorted[n - 1] / 1e6,
        Arrays.stream(sorted).average().orElse(Double.NaN) / 1e6);
  }

  private static long rank(long[] sorted, double p) {
    int r = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, r) - 1)];
  }
}
