package virga.bench.plugins;

import java.util.Arrays;
import java.util.Locale;
import virga.bench.host.Percentiles;

/** Latencies of one operation in nanoseconds, and what the report needs of them. */
final class Samples {
  private long[] nanos = new long[1024];
  private int count;

  void add(long n) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = n;
  }

  /** Adds every sample of {@code other}. */
  void addAll(Samples other) {
    for (int i = 0; i < other.count; i++) {
      add(other.nanos[i]);
    }
  }

  int count() {
    return count;
  }

  /** Operations per second of one caller doing them back to back: count over summed time. */
  double opsPerSecondSequential() {
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += nanos[i];
    }
    return sum == 0 ? 0 : count * 1e9 / sum;
  }

  /** The median in nanoseconds. */
  long p50() {
    return new Percentiles(Arrays.copyOf(nanos, count)).at(50);
  }

  /**
   * {@code prefix_n}, {@code prefix_p50_us}, {@code prefix_p99_us}, {@code prefix_mean_us} (µs,
   * three decimals: the plain in-memory operations take well under one).
   */
  String keyValues(String prefix) {
    if (count == 0) {
      return prefix + "_n=0\n";
    }
    Percentiles p = new Percentiles(Arrays.copyOf(nanos, count));
    return String.format(
        Locale.ROOT,
        "%1$s_n=%2$d%n%1$s_p50_us=%3$.3f%n%1$s_p99_us=%4$.3f%n%1$s_mean_us=%5$.3f%n",
        prefix,
        count,
        p.at(50) / 1e3,
        p.at(99) / 1e3,
        p.meanNanos() / 1e3);
  }
}
