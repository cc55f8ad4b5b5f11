package virga.host.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.core.GuestInterrupts;

/** The supervisor's real threads: naming, interrupting on stop, the bounded wait. */
@Timeout(30)
class ServiceThreadTest {
  private final FakeTime time = new FakeTime();

  @Test
  void eachIncarnationRunsOnItsOwnNamedThreadAndStopInterruptsIt() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    AtomicReference<Thread> thread = new AtomicReference<>();
    AtomicInteger created = new AtomicInteger();
    List<ServiceState> states = new CopyOnWriteArrayList<>();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ServiceSupervisor s =
        ServiceSupervisor.builder(
                "wl-a",
                () -> {
                  created.incrementAndGet();
                  return () -> {
                    thread.set(Thread.currentThread());
                    running.countDown();
                    new CountDownLatch(1).await(); // until interrupted
                    return 0;
                  };
                })
            .policy(RestartPolicy.maxRestarts(3))
            .clock(time)
            .scheduler(time)
            .meterRegistry(registry)
            .listener((w, st) -> states.add(st.state()))
            .build();
    s.start();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    Thread t = thread.get();
    assertThat(t.getName()).isEqualTo("service-wl-a");
    assertThat(t).isNotSameAs(Thread.currentThread());
    assertThat(t.isDaemon()).isTrue();
    assertThat(s.status().state()).isEqualTo(ServiceState.RUNNING);

    assertThat(s.stop(Duration.ofSeconds(10))).isTrue();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(s.status().state()).isEqualTo(ServiceState.STOPPED);
    assertThat(states)
        .containsExactly(ServiceState.STARTING, ServiceState.RUNNING, ServiceState.STOPPED);
    assertThat(time.pendingTasks()).as("an interrupt on stop is not a crash").isZero();
    assertThat(created.get()).isEqualTo(1);
  }

  @Test
  void stopReachesAGuestLoopThatOnlyPollsAndThenSwitchesThePollsOffAgain() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    awaitPollsOff(); // an earlier test's interrupt may still be lingering
    long switches = GuestInterrupts.switches();
    ServiceSupervisor s =
        ServiceSupervisor.builder(
                "wl-poll",
                () ->
                    () -> {
                      running.countDown();
                      while (true) {
                        GuestInterrupts.poll(); // what compiled guest loops call on a back-edge
                      }
                    })
            .policy(RestartPolicy.maxRestarts(3))
            .clock(time)
            .scheduler(time)
            .meterRegistry(new SimpleMeterRegistry())
            .build();
    s.start();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(s.stop(Duration.ofSeconds(10))).isTrue();
    assertThat(s.status().state()).isEqualTo(ServiceState.STOPPED);
    awaitPollsOff();
    assertThat(GuestInterrupts.switches())
        .as("switched on for the stop, off once it ended")
        .isEqualTo(switches + 2);
  }

  private static void awaitPollsOff() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (GuestInterrupts.on() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(GuestInterrupts.on()).as("polls switched off").isFalse();
  }

  @Test
  void aServiceThatIgnoresItsInterruptIsLeftBehindAfterTheBoundedWait() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> thread = new AtomicReference<>();
    AtomicInteger created = new AtomicInteger();
    ServiceSupervisor s =
        ServiceSupervisor.builder(
                "wl-b",
                () -> {
                  created.incrementAndGet();
                  return () -> {
                    thread.set(Thread.currentThread());
                    running.countDown();
                    while (true) {
                      try {
                        release.await();
                        return 1; // a crash after the stop: must not restart
                      } catch (InterruptedException e) {
                        // a guest that ignores the interrupt
                      }
                    }
                  };
                })
            .policy(RestartPolicy.maxRestarts(3))
            .clock(time)
            .scheduler(time)
            .build();
    s.start();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(s.stop(Duration.ofMillis(50))).isFalse();
    assertThat(s.status().message())
        .isEqualTo(
            "stopped, but the service did not end within 50 ms; its thread was left to finish");
    release.countDown();
    thread.get().join(10_000);
    assertThat(thread.get().isAlive()).isFalse();
    assertThat(s.stop(Duration.ofSeconds(10))).isTrue();
    assertThat(time.pendingTasks()).isZero();
    assertThat(created.get()).isEqualTo(1);
    assertThat(s.status().state()).isEqualTo(ServiceState.STOPPED);
  }

  @Test
  void aStopWhileTheInstanceIsMadeStillRunsItInterruptedSoItClosesItself() throws Exception {
    CountDownLatch creating = new CountDownLatch(1);
    CountDownLatch stopCalled = new CountDownLatch(1);
    List<String> log = new CopyOnWriteArrayList<>();
    ServiceSupervisor s =
        ServiceSupervisor.builder(
                "wl-d",
                () -> {
                  creating.countDown();
                  // an engine that swallows the interrupt while instantiating
                  while (true) {
                    try {
                      stopCalled.await();
                      break;
                    } catch (InterruptedException e) {
                      log.add("interrupted while made");
                    }
                  }
                  return () -> {
                    log.add("run, interrupted=" + Thread.currentThread().isInterrupted());
                    log.add("closed its context");
                    return 0;
                  };
                })
            .policy(RestartPolicy.maxRestarts(3))
            .clock(time)
            .scheduler(time)
            .build();
    s.start();
    assertThat(creating.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Boolean> stopped =
        CompletableFuture.supplyAsync(() -> s.stop(Duration.ofSeconds(10)));
    while (log.isEmpty()) { // the stop's interrupt has reached the factory
      Thread.onSpinWait();
    }
    stopCalled.countDown();
    assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(log)
        .containsExactly("interrupted while made", "run, interrupted=true", "closed its context");
    assertThat(s.status().state()).isEqualTo(ServiceState.STOPPED);
  }

  @Test
  void aRealRestartRunsOnANewThread() throws Exception {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    ServiceSupervisor s =
        ServiceSupervisor.builder(
                "wl-c",
                () ->
                    () -> {
                      threads.add(Thread.currentThread());
                      if (threads.size() < 2) {
                        throw new IllegalStateException("first life crashes");
                      }
                      done.countDown();
                      return 0;
                    })
            .policy(
                new RestartPolicy(
                    1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(60)))
            .build();
    s.start();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    threads.get(1).join(10_000);
    assertThat(threads).hasSize(2);
    assertThat(threads.get(0)).isNotSameAs(threads.get(1));
    assertThat(threads.get(1).getName()).isEqualTo("service-wl-c");
    assertThat(s.status().state()).isEqualTo(ServiceState.COMPLETED);
    s.close();
  }
}
