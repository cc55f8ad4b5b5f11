package virga.host.service;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay; the supervisor's restarts wait on it (tests pass a fake clock). */
@FunctionalInterface
public interface Scheduler {
  /** Runs {@code task} once after {@code delay}, unless cancelled first. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that has not run yet can be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Keeps the task from running; does nothing if it ran already. */
    void cancel();
  }

  /** Schedules on {@code executor}. */
  static Scheduler of(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return (delay, task) -> {
      ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    };
  }

  /**
   * One daemon thread ({@code virga-service-restarts}) shared by every supervisor of the JVM,
   * created on first use: restarts are rare and a restart task only starts a thread.
   */
  static Scheduler shared() {
    return SharedScheduler.INSTANCE;
  }
}

/** The holder of {@link Scheduler#shared()}: created on first use. */
final class SharedScheduler {
  static final Scheduler INSTANCE;

  static {
    ScheduledThreadPoolExecutor e =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "virga-service-restarts");
              t.setDaemon(true);
              return t;
            });
    e.setRemoveOnCancelPolicy(true);
    INSTANCE = Scheduler.of(e);
  }

  private SharedScheduler() {}
}
