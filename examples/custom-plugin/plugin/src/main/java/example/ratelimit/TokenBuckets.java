package example.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets by key, shared by every caller: the state a plugin can share and a service cannot.
 */
final class TokenBuckets {
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;

  TokenBuckets(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * Takes {@code tokens} from bucket {@code key} (created full with {@code limits}); false when
   * short.
   */
  boolean tryAcquire(String key, long tokens, Limits limits) {
    Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(limits, nanoClock.getAsLong()));
    synchronized (b) {
      b.refill(nanoClock.getAsLong());
      if (b.tokens < tokens) {
        return false;
      }
      b.tokens -= tokens;
      return true;
    }
  }

  /** A bucket's size and refill rate. */
  record Limits(long capacity, double refillPerSecond) {}

  private static final class Bucket {
    private final Limits limits;
    private double tokens;
    private long last;

    Bucket(Limits limits, long now) {
      this.limits = limits;
      this.tokens = limits.capacity();
      this.last = now;
    }

    void refill(long now) {
      tokens = Math.min(limits.capacity(), tokens + (now - last) / 1e9 * limits.refillPerSecond());
      last = now;
    }
  }
}
