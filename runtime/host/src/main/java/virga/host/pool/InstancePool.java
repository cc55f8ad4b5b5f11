package virga.host.pool;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of one component, with wasmCloud's pool semantics ({@code
 * engine/instance_pool.rs}):
 *
 * <ul>
 *   <li>{@code poolSize <= 0}: every call gets a fresh instance, closed after the call.
 *   <li>Otherwise up to {@code poolSize} warm instances, created on demand; a call goes to the
 *       least busy one (the oldest on a tie) that serves fewer than {@code maxConcurrency} calls.
 *   <li>A full pool never queues: the call gets a one-shot instance, closed after the call.
 *   <li>A warm instance that served {@code maxInvocations} calls takes no more; it is closed once
 *       its calls have finished (drain, then close), which frees its place for a new one.
 *   <li>A call that throws (a trap, a timeout) retires its instance the same way: a trapped
 *       instance is never called again.
 * </ul>
 *
 * <p>Instances are made and closed outside the pool's lock, on the calling thread. Metrics, tagged
 * as given: {@code virga.pool.warm} (gauge: warm instances, draining ones included) and {@code
 * virga.pool.oneshot} (counter: one-shot instances; Prometheus {@code virga_pool_oneshot_total}).
 *
 * @param <T> the instance type
 */
public final class InstancePool<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InstancePool.class);

  /** Makes an instance. */
  @FunctionalInterface
  public interface Factory<T> {
    /** A new instance. */
    T create() throws Exception;
  }

  /** Releases an instance. */
  @FunctionalInterface
  public interface Closer<T> {
    /** Releases {@code instance}; a failure is logged. */
    void close(T instance) throws Exception;
  }

  /** What a caller does with an instance. */
  @FunctionalInterface
  public interface Call<T, R> {
    /** Uses {@code instance}; a throw retires a warm instance. */
    R apply(T instance) throws Exception;
  }

  /** A warm instance and its bookkeeping (guarded by the pool). */
  private static final class Warm<T> {
    final T instance;
    int inFlight;
    int invocations;
    boolean retiring;

    Warm(T instance) {
      this.instance = instance;
    }
  }

  private final PoolConfig config;
  private final Factory<? extends T> factory;
  private final Closer<? super T> closer;
  private final MeterRegistry registry;
  private final Gauge warmGauge;
  private final Counter oneShotCounter;

  // guarded by this
  private final List<Warm<T>> warm = new ArrayList<>(); // oldest first
  private int creating; // places reserved by calls that are making a warm instance
  private long oneShots;
  private boolean closed;

  /**
   * A pool of instances made by {@code factory} and released by {@code closer}, reporting to {@code
   * registry} with {@code tags} (e.g. the workload and component).
   */
  public InstancePool(
      PoolConfig config,
      Factory<? extends T> factory,
      Closer<? super T> closer,
      MeterRegistry registry,
      Iterable<Tag> tags) {
    this.config = Objects.requireNonNull(config, "config");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.closer = Objects.requireNonNull(closer, "closer");
    this.registry = Objects.requireNonNull(registry, "registry");
    warmGauge =
        Gauge.builder("virga.pool.warm", this, InstancePool::warmInstances)
            .description("Warm instances of a component, draining ones included")
            .tags(tags)
            .strongReference(true)
            .register(registry);
    oneShotCounter =
        Counter.builder("virga.pool.oneshot")
            .description("Instances made for a single call (no pool, or the pool was full)")
            .tags(tags)
            .register(registry);
  }

  /** A pool of {@link AutoCloseable} instances, closed with {@link AutoCloseable#close()}. */
  public static <T extends AutoCloseable> InstancePool<T> of(
      PoolConfig config, Factory<? extends T> factory, MeterRegistry registry, Iterable<Tag> tags) {
    return new InstancePool<>(config, factory, AutoCloseable::close, registry, tags);
  }

  /** The settings. */
  public PoolConfig config() {
    return config;
  }

  /** Warm instances alive now, draining ones included. */
  public synchronized int warmInstances() {
    return warm.size();
  }

  /** Calls in flight on warm instances. */
  public synchronized int busy() {
    int n = 0;
    for (Warm<T> w : warm) {
      n += w.inFlight;
    }
    return n;
  }

  /** One-shot instances made so far (every instance when there is no pool). */
  public synchronized long oneShots() {
    return oneShots;
  }

  /**
   * Runs {@code call} on an instance: a warm one with room, a new warm one while the pool has room,
   * else a one-shot one. Never waits for a busy instance. What {@code call} throws is rethrown
   * unchanged, as is a failure to make an instance.
   */
  public <R> R call(Call<? super T, ? extends R> call) throws Exception {
    Objects.requireNonNull(call, "call");
    Warm<T> w;
    boolean create = false;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the instance pool is closed");
      }
      w = config.warm() ? leastBusy() : null;
      if (w != null) {
        claim(w);
      } else if (config.warm() && warm.size() + creating < config.poolSize()) {
        creating++;
        create = true;
      }
    }
    if (w == null && create) {
      w = createWarm();
    }
    if (w == null) {
      return oneShot(call);
    }
    boolean failed = true;
    try {
      R result = call.apply(w.instance);
      failed = false;
      return result;
    } finally {
      release(w, failed);
    }
  }

  private <R> R oneShot(Call<? super T, ? extends R> call) throws Exception {
    T instance = factory.create();
    synchronized (this) {
      oneShots++;
    }
    oneShotCounter.increment();
    try {
      return call.apply(instance);
    } finally {
      closeQuietly(instance);
    }
  }

  /** Makes a warm instance in a reserved place and claims it for the calling thread. */
  private Warm<T> createWarm() throws Exception {
    T instance;
    try {
      instance = factory.create();
    } catch (Exception | Error e) {
      synchronized (this) {
        creating--;
      }
      throw e;
    }
    Warm<T> w = new Warm<>(instance);
    synchronized (this) {
      creating--;
      if (closed) {
        w.retiring = true; // closed while it was made: serve this call, then close it
      }
      warm.add(w);
      claim(w);
    }
    return w;
  }

  /** The least busy warm instance that takes calls and has room, or null. */
  private Warm<T> leastBusy() {
    Warm<T> best = null;
    for (Warm<T> w : warm) {
      if (!w.retiring
          && w.inFlight < config.concurrency()
          && (best == null || w.inFlight < best.inFlight)) {
        best = w;
      }
    }
    return best;
  }

  private void claim(Warm<T> w) {
    w.inFlight++;
    w.invocations++;
    if (!config.unlimitedInvocations() && w.invocations >= config.maxInvocations()) {
      w.retiring = true; // served its share: drain, then close
    }
  }

  private void release(Warm<T> w, boolean failed) {
    boolean close;
    synchronized (this) {
      w.inFlight--;
      if (failed) {
        w.retiring = true; // trapped: never called again
      }
      close = w.retiring && w.inFlight == 0;
      if (close) {
        warm.remove(w);
      }
    }
    if (close) {
      closeQuietly(w.instance);
    }
  }

  private void closeQuietly(T instance) {
    try {
      closer.close(instance);
    } catch (Exception e) {
      log.warn("closing a component instance failed", e);
    }
  }

  /**
   * Closes the idle warm instances now and the busy ones when their calls finish; later calls are
   * refused. Removes the metrics. Idempotent.
   */
  @Override
  public void close() {
    List<T> idle = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      for (var it = warm.iterator(); it.hasNext(); ) {
        Warm<T> w = it.next();
        w.retiring = true;
        if (w.inFlight == 0) {
          it.remove();
          idle.add(w.instance);
        }
      }
    }
    for (T instance : idle) {
      closeQuietly(instance);
    }
    registry.remove(warmGauge);
    registry.remove(oneShotCounter);
  }
}
