package virga.host.workload;

import java.util.function.Function;

/** Where calls into one item find an instance: its pool. */
interface ItemInstances extends AutoCloseable {
  /**
   * Runs {@code call} with an instance (warm from the pool, or a one-shot one); a trap retires the
   * instance.
   */
  <R> R with(Function<LiveInstance, R> call);

  /** Makes one instance now: kept warm when the pool keeps instances, else closed at once. */
  void prewarm();

  /** Releases every instance; calls after it fail. */
  @Override
  void close();
}
