package virga.host.workload;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.Function;
import virga.host.pool.InstancePool;
import virga.host.pool.PoolConfig;

/**
 * A component's instances from its {@link InstancePool}, with wasmCloud's pool settings, except
 * that a warm instance serves one call at a time: a Chicory instance has one linear memory and one
 * shadow stack, and two threads in it at once would corrupt them (wasmtime's async stores
 * interleave calls at await points instead; plain Java threads cannot). A call that finds every
 * warm instance busy gets a one-shot instance, as when the pool is full.
 */
final class PooledInstances implements ItemInstances {
  private final String label;
  private final InstanceFactory factory;
  private final InstancePool<LiveInstance> pool;
  private volatile boolean closed;

  PooledInstances(
      String workloadId,
      String itemName,
      String label,
      InstanceFactory factory,
      PoolConfig config,
      MeterRegistry meters) {
    this.label = label;
    this.factory = factory;
    this.pool =
        InstancePool.of(
            config,
            factory::create,
            meters,
            Tags.of("workload", workloadId, "component", itemName));
  }

  /** The pool settings for the manifest's values, {@code maxConcurrency} capped at 1. */
  static PoolConfig config(int poolSize, int maxInvocations, int maxConcurrency) {
    return new PoolConfig(poolSize, maxInvocations, Math.min(1, maxConcurrency));
  }

  /** The pool (tests, metrics). */
  InstancePool<LiveInstance> pool() {
    return pool;
  }

  @Override
  public <R> R with(Function<LiveInstance, R> call) {
    if (closed) {
      throw new PoolClosedException(label + " is stopped");
    }
    try {
      return pool.call(call::apply);
    } catch (IllegalStateException e) {
      if (closed) {
        throw new PoolClosedException(label + " is stopped");
      }
      throw e;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e); // InstanceFactory and guest calls throw unchecked only
    }
  }

  @Override
  public void prewarm() {
    if (pool.config().warm()) {
      with(live -> null);
    } else {
      factory.create().close();
    }
  }

  @Override
  public void close() {
    closed = true;
    pool.close();
  }
}
