package virga.host.pool;

/**
 * A component's pool settings as the manifest gives them (wasmCloud's {@code poolSize}, {@code
 * maxInvocations}, {@code maxConcurrency}; a negative value, e.g. the wire's -1 for unset, counts
 * as 0).
 *
 * @param poolSize how many warm instances to keep; 0 or less = a fresh instance per call
 * @param maxInvocations calls a warm instance serves before it is retired; 0 or less = unlimited
 * @param maxConcurrency concurrent calls one warm instance serves; 0 or less = 1
 */
public record PoolConfig(int poolSize, int maxInvocations, int maxConcurrency) {
  /** No pool: every call gets a fresh instance. */
  public static final PoolConfig NONE = new PoolConfig(0, 0, 1);

  /** Whether instances are kept warm. */
  public boolean warm() {
    return poolSize > 0;
  }

  /** The concurrent calls one warm instance serves (at least 1). */
  public int concurrency() {
    return Math.max(1, maxConcurrency);
  }

  /** Whether a warm instance serves calls without limit. */
  public boolean unlimitedInvocations() {
    return maxInvocations <= 0;
  }
}
