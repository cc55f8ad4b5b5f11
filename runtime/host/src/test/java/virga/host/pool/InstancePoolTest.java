package virga.host.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exact creations and closes for sequences of calls, and concurrent calls with latches. */
@Timeout(30)
class InstancePoolTest {
  /** A fake instance: its number in creation order. */
  record Inst(int id) {}

  private final AtomicInteger created = new AtomicInteger();
  private final List<Integer> closed = new CopyOnWriteArrayList<>();
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private InstancePool<Inst> pool(int poolSize, int maxInvocations, int maxConcurrency) {
    return new InstancePool<>(
        new PoolConfig(poolSize, maxInvocations, maxConcurrency),
        () -> new Inst(created.incrementAndGet()),
        i -> closed.add(i.id()),
        registry,
        Tags.of("workload", "wl", "component", "api"));
  }

  private static int id(InstancePool<Inst> p) throws Exception {
    return p.call(Inst::id);
  }

  private double warmGauge() {
    return registry
        .get("virga.pool.warm")
        .tags("workload", "wl", "component", "api")
        .gauge()
        .value();
  }

  private double oneShotCounter() {
    return registry.get("virga.pool.oneshot").tag("component", "api").counter().count();
  }

  @Test
  void withoutAPoolEveryCallGetsAFreshInstanceClosedAfterIt() throws Exception {
    for (int poolSize : new int[] {0, -1}) {
      created.set(0);
      closed.clear();
      InstancePool<Inst> p = pool(poolSize, 5, 4);
      assertThat(List.of(id(p), id(p), id(p))).containsExactly(1, 2, 3);
      assertThat(created.get()).isEqualTo(3);
      assertThat(closed).containsExactly(1, 2, 3);
      assertThat(p.warmInstances()).isZero();
      assertThat(p.oneShots()).isEqualTo(3);
      p.close();
    }
  }

  @Test
  void aWarmInstanceServesSequentialCallsUntilThePoolCloses() throws Exception {
    InstancePool<Inst> p = pool(2, 0, 1);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(id(p));
    }
    assertThat(ids).containsExactly(1, 1, 1, 1, 1);
    assertThat(created.get()).isEqualTo(1);
    assertThat(closed).isEmpty();
    assertThat(p.warmInstances()).isEqualTo(1);
    assertThat(warmGauge()).isEqualTo(1.0);
    assertThat(p.oneShots()).isZero();
    p.close();
    assertThat(closed).containsExactly(1);
    assertThat(registry.find("virga.pool.warm").meter()).isNull();
    assertThatThrownBy(() -> id(p))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the instance pool is closed");
    p.close(); // idempotent
    assertThat(closed).containsExactly(1);
  }

  @Test
  void maxInvocationsRetiresAnInstanceAfterItsShare() throws Exception {
    InstancePool<Inst> p = pool(1, 2, 1);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(id(p));
    }
    assertThat(ids).containsExactly(1, 1, 2, 2, 3);
    assertThat(created.get()).isEqualTo(3);
    assertThat(closed).containsExactly(1, 2);
    assertThat(p.warmInstances()).isEqualTo(1);
    p.close();
    assertThat(closed).containsExactly(1, 2, 3);
  }

  @Test
  void maxInvocationsOfOneIsAFreshWarmInstancePerCall() throws Exception {
    InstancePool<Inst> p = pool(1, 1, 1);
    assertThat(List.of(id(p), id(p), id(p))).containsExactly(1, 2, 3);
    assertThat(closed).containsExactly(1, 2, 3);
    assertThat(p.warmInstances()).isZero();
    assertThat(p.oneShots()).isZero();
  }

  @Test
  void aCallThatThrowsRetiresItsInstanceAndTheErrorComesThrough() throws Exception {
    InstancePool<Inst> p = pool(1, 0, 1);
    assertThat(id(p)).isEqualTo(1);
    IllegalStateException trap = new IllegalStateException("wasm trap: unreachable");
    assertThatThrownBy(
            () ->
                p.call(
                    i -> {
                      throw trap;
                    }))
        .isSameAs(trap);
    assertThat(closed).containsExactly(1);
    assertThat(p.warmInstances()).isZero();
    assertThat(id(p)).isEqualTo(2);
    assertThat(created.get()).isEqualTo(2);
  }

  @Test
  void aFailedCreationLeavesThePlaceFree() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    InstancePool<Inst> p =
        new InstancePool<>(
            new PoolConfig(1, 0, 1),
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw new IllegalArgumentException("bad component");
              }
              return new Inst(attempts.get());
            },
            i -> closed.add(i.id()),
            registry,
            Tags.empty());
    assertThatThrownBy(() -> id(p)).hasMessage("bad component");
    assertThat(id(p)).isEqualTo(2);
    assertThat(id(p)).isEqualTo(2);
    assertThat(p.warmInstances()).isEqualTo(1);
  }

  /** Starts a call that holds its instance until {@code release}; returns its instance id. */
  private Future<Integer> holding(
      InstancePool<Inst> p, CountDownLatch entered, CountDownLatch release) {
    return threads.submit(
        () ->
            p.call(
                i -> {
                  entered.countDown();
                  assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
                  return i.id();
                }));
  }

  @Test
  void aPoolAtMaxConcurrencyGivesTheNextCallAOneShotWithoutQueueing() throws Exception {
    InstancePool<Inst> p = pool(1, 0, 2);
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> a = holding(p, entered, release);
    Future<Integer> b = holding(p, entered, release);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.busy()).isEqualTo(2);
    assertThat(created.get()).isEqualTo(1);

    // the third concurrent call completes while both others still hold instance 1
    CompletableFuture<Integer> c =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return id(p);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            },
            threads);
    assertThat(c.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(closed).containsExactly(2);
    assertThat(p.oneShots()).isEqualTo(1);
    assertThat(oneShotCounter()).isEqualTo(1.0);
    assertThat(a.isDone() || b.isDone()).isFalse();

    release.countDown();
    assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(p.busy()).isZero();
    assertThat(p.warmInstances()).isEqualTo(1);
    assertThat(created.get()).isEqualTo(2);
    assertThat(closed).containsExactly(2);
  }

  @Test
  void callsGoToTheLeastBusyInstanceAndThePoolGrowsOnlyWhenNoneHasRoom() throws Exception {
    InstancePool<Inst> p = pool(2, 0, 2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch first = new CountDownLatch(1);
    Future<Integer> a = holding(p, first, release);
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
    // instance 1 has room for one more: it takes the second call rather than a new instance
    CountDownLatch second = new CountDownLatch(1);
    Future<Integer> b = holding(p, second, release);
    assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(created.get()).isEqualTo(1);
    // instance 1 is full: the pool grows
    CountDownLatch third = new CountDownLatch(1);
    Future<Integer> c = holding(p, third, release);
    assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(created.get()).isEqualTo(2);
    // instance 2 (one call) is less busy than instance 1 (two)
    CountDownLatch fourth = new CountDownLatch(1);
    Future<Integer> d = holding(p, fourth, release);
    assertThat(fourth.await(10, TimeUnit.SECONDS)).isTrue();
    // both full, pool full: a one-shot, which does not wait for the release
    assertThat(id(p)).isEqualTo(3);
    release.countDown();
    assertThat(List.of(a.get(), b.get(), c.get(), d.get())).containsExactly(1, 1, 2, 2);
    assertThat(closed).containsExactly(3);
    assertThat(p.warmInstances()).isEqualTo(2);
    // idle instances tie: the oldest serves
    assertThat(id(p)).isEqualTo(1);
  }

  @Test
  void aRetiringInstanceDrainsBeforeItIsClosedAndKeepsItsPlaceMeanwhile() throws Exception {
    InstancePool<Inst> p = pool(1, 2, 2);
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> a = holding(p, entered, release);
    Future<Integer> b = holding(p, entered, release);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    // instance 1 served its 2 invocations: it takes no more, and still fills the pool
    assertThat(id(p)).isEqualTo(2);
    assertThat(closed).containsExactly(2);
    assertThat(p.warmInstances()).isEqualTo(1);
    release.countDown();
    assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(closed).containsExactly(2, 1);
    assertThat(p.warmInstances()).isZero();
    assertThat(id(p)).isEqualTo(3);
  }

  @Test
  void closeWaitsForBusyInstancesToFinishBeforeClosingThem() throws Exception {
    InstancePool<Inst> p = pool(2, 0, 1);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    assertThat(id(p)).isEqualTo(1);
    Future<Integer> busy = holding(p, entered, release); // instance 1 is idle: it takes this
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(id(p)).isEqualTo(2); // instance 1 is busy: a second warm one
    p.close();
    assertThat(closed).containsExactly(2);
    release.countDown();
    assertThat(busy.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(closed).containsExactly(2, 1);
  }

  @Test
  void autoCloseableInstancesAreClosedByTheirOwnClose() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    InstancePool<AutoCloseable> p =
        InstancePool.of(
            PoolConfig.NONE, () -> () -> log.add("closed"), registry, Tags.of("c", "x"));
    p.call(i -> log.add("called"));
    assertThat(log).containsExactly("called", "closed");
  }

  @Test
  void theConfigNormalisesWasmCloudsSentinels() {
    assertThat(new PoolConfig(-1, -1, -1).warm()).isFalse();
    assertThat(new PoolConfig(3, 0, 0).concurrency()).isEqualTo(1);
    assertThat(new PoolConfig(3, -1, 8).concurrency()).isEqualTo(8);
    assertThat(new PoolConfig(3, -1, 8).unlimitedInvocations()).isTrue();
    assertThat(new PoolConfig(3, 10, 8).unlimitedInvocations()).isFalse();
  }
}
