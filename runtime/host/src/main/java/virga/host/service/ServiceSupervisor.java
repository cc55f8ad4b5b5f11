package virga.host.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.component.core.GuestInterrupts;

/**
 * Runs a workload's service and restarts it when it crashes.
 *
 * <p>Every incarnation is made fresh by the {@link ServiceIncarnation.Factory} and runs on its own
 * platform thread named {@code service-<workload>}. A clean exit (exit code 0) is {@link
 * ServiceState#COMPLETED} and never restarted. A crash (a trap, any exception, a non-zero exit
 * code) is restarted after the {@link RestartPolicy}'s backoff while its budget lasts, then the
 * service is {@link ServiceState#FAILED}. Unlike wasmCloud, which re-enters the trapped instance on
 * its P2 path, restarts at once and never restores the budget, and keeps reporting the workload as
 * running, every state change reaches the {@link Listener} so the host can show it in the
 * workload's status.
 *
 * <p>Metrics, tagged {@code workload}: {@code virga.service.restarts} and {@code
 * virga.service.crashes} (counters; Prometheus {@code virga_service_restarts_total}, {@code
 * virga_service_crashes_total}) and {@code virga.service.up} (1 while an incarnation runs). They
 * are removed from the registry by {@link #stop}.
 *
 * <p>Time comes from the injected {@link Clock} (uptime) and {@link Scheduler} (backoff), so tests
 * drive it with a fake clock; the launcher that starts the incarnation threads is injectable too.
 */
public final class ServiceSupervisor implements AutoCloseable {
  /** How long {@link #close()} waits for the running incarnation to end. */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(ServiceSupervisor.class);

  /** Told of every state change of one service, in order and never concurrently. */
  @FunctionalInterface
  public interface Listener {
    /** The service of {@code workload} is now in {@code status}. */
    void onChange(String workload, ServiceStatus status);
  }

  private final String workload;
  private final ServiceIncarnation.Factory factory;
  private final RestartPolicy policy;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Executor launcher;
  private final MeterRegistry registry;
  private final Counter restarts;
  private final Counter crashes;
  private final AtomicInteger up = new AtomicInteger();
  private final Gauge upGauge;

  // state changes queue up here so the listener hears them in order, outside the lock
  private final Outbox<ServiceStatus> outbox;

  // guarded by this
  private ServiceStatus status;
  private boolean started;
  private boolean stopping;
  private boolean live; // an incarnation was launched and has not ended
  private Thread thread; // the live incarnation's thread, to interrupt on stop
  private GuestInterrupts.Pending stopInterrupt; // until the interrupted incarnation has ended
  private Scheduler.Cancellable pending; // the scheduled restart
  private int restartsUsed; // since the budget was last restored
  private int incarnations;
  private String lastCause;

  private ServiceSupervisor(Builder b) {
    workload = b.workload;
    factory = b.factory;
    policy = b.policy;
    clock = b.clock;
    scheduler = b.scheduler;
    launcher = b.launcher != null ? b.launcher : this::startThread;
    Listener listener = b.listener;
    outbox =
        new Outbox<>("service status of workload " + workload, s -> listener.onChange(workload, s));
    registry = b.registry;
    restarts =
        Counter.builder("virga.service.restarts")
            .description("Restarts of a workload's service after a crash")
            .tag("workload", workload)
            .register(registry);
    crashes =
        Counter.builder("virga.service.crashes")
            .description("Crashes of a workload's service (traps and non-zero exit codes)")
            .tag("workload", workload)
            .register(registry);
    upGauge =
        Gauge.builder("virga.service.up", up, AtomicInteger::get)
            .description("1 while an incarnation of the workload's service runs")
            .tag("workload", workload)
            .strongReference(true)
            .register(registry);
    status = new ServiceStatus(ServiceState.STARTING, "not started", 0, Duration.ZERO, null);
  }

  /** A builder for the service of {@code workload}, made by {@code factory}. */
  public static Builder builder(String workload, ServiceIncarnation.Factory factory) {
    return new Builder(workload, factory);
  }

  /** The workload whose service this is. */
  public String workload() {
    return workload;
  }

  /** The restart policy. */
  public RestartPolicy policy() {
    return policy;
  }

  /** The current status. */
  public synchronized ServiceStatus status() {
    return status;
  }

  /** How many incarnations were launched so far (1 + the restarts). */
  public synchronized int incarnations() {
    return incarnations;
  }

  /** Launches the first incarnation. */
  public void start() {
    synchronized (this) {
      if (started) {
        throw new IllegalStateException("the service of workload " + workload + " was started");
      }
      started = true;
      if (stopping) {
        return;
      }
      change(ServiceState.STARTING, "starting", Duration.ZERO);
    }
    deliver();
    launch();
  }

  /**
   * Stops the service: cancels a pending restart, interrupts the running incarnation and waits up
   * to {@code timeout} for it to end; the state becomes {@link ServiceState#STOPPED} unless it was
   * {@link ServiceState#COMPLETED} or {@link ServiceState#FAILED} already. Idempotent.
   *
   * @return whether no incarnation is left running
   */
  public boolean stop(Duration timeout) {
    boolean first;
    boolean ended;
    boolean interrupted = false;
    synchronized (this) {
      first = !stopping;
      stopping = true;
      if (pending != null) {
        pending.cancel();
        pending = null;
      }
      boolean self = thread == Thread.currentThread(); // the service stopping its own workload
      if (thread != null && !self && stopInterrupt == null) {
        // through GuestInterrupts: a guest spinning in a loop that makes no calls sees it too
        stopInterrupt = GuestInterrupts.interrupt(thread);
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (live && !self) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          interrupted = true;
          break;
        }
      }
      ended = !live;
      ServiceState s = status.state();
      if (s != ServiceState.COMPLETED && s != ServiceState.FAILED && s != ServiceState.STOPPED) {
        up.set(0);
        change(
            ServiceState.STOPPED,
            ended
                ? "stopped"
                : "stopped, but the service did not end within "
                    + timeout.toMillis()
                    + " ms; its thread was left to finish",
            Duration.ZERO);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    deliver();
    if (first) {
      registry.remove(restarts);
      registry.remove(crashes);
      registry.remove(upGauge);
    }
    return ended;
  }

  /** {@link #stop(Duration)} with {@link #DEFAULT_STOP_TIMEOUT}. */
  @Override
  public void close() {
    stop(DEFAULT_STOP_TIMEOUT);
  }

  // ---- the incarnation loop
  // ----------------------------------------------------------------------

  private void launch() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      incarnations++;
      live = true;
    }
    try {
      launcher.execute(this::incarnate);
    } catch (RuntimeException | Error e) { // e.g. no native thread left: a crash like any other
      ended(describe(e), Duration.ZERO);
    }
  }

  /** Caller holds the lock. */
  private void releaseStopInterrupt() {
    if (stopInterrupt != null) {
      stopInterrupt.close();
      stopInterrupt = null;
    }
  }

  private void startThread(Runnable r) {
    Thread t = new Thread(r, "service-" + workload);
    t.setDaemon(true); // a guest that ignores its interrupt must not keep the JVM alive
    t.start();
  }

  private void incarnate() {
    synchronized (this) {
      if (stopping) {
        live = false;
        releaseStopInterrupt();
        notifyAll();
        return;
      }
      thread = Thread.currentThread();
    }
    Instant began = clock.instant();
    String cause;
    try {
      ServiceIncarnation incarnation =
          Objects.requireNonNull(factory.create(), "the service factory returned null");
      if (!running()) {
        // stopped while it was made: run it interrupted, so that it ends at once and closes what
        // it opened (an interrupt the engine swallowed while instantiating is delivered again)
        Thread.currentThread().interrupt();
      }
      int code = incarnation.run();
      cause = code == 0 ? null : "exit code " + code;
    } catch (
        Throwable e) { // anything the guest or the engine throws is a crash of this incarnation
      cause = describe(e);
      if (!isStopping()) {
        if (e instanceof virga.component.TrapException) {
          // the guest's fault, fully told by its message and wasm backtrace
          log.warn("the service of workload {} crashed: {}", workload, cause);
        } else {
          log.warn("the service of workload {} crashed: {}", workload, cause, e);
        }
      }
    } finally {
      synchronized (this) {
        thread = null;
      }
    }
    ended(cause, Duration.between(began, clock.instant()));
  }

  /** Reports the incarnation running; false when a stop came first. */
  private boolean running() {
    synchronized (this) {
      if (stopping) {
        return false;
      }
      up.set(1);
      change(ServiceState.RUNNING, "running", Duration.ZERO);
    }
    deliver();
    return true;
  }

  /** An incarnation ended: {@code cause} null for a clean exit. */
  private void ended(String cause, Duration uptime) {
    Duration backoff = null;
    synchronized (this) {
      live = false;
      releaseStopInterrupt();
      up.set(0);
      notifyAll();
      if (stopping) {
        return; // stop() reports STOPPED
      }
      if (cause == null) {
        log.info("the service of workload {} exited successfully", workload);
        change(ServiceState.COMPLETED, "service exited successfully", Duration.ZERO);
      } else {
        crashes.increment();
        lastCause = cause;
        if (uptime.compareTo(policy.healthyUptime()) >= 0) {
          restartsUsed = 0; // it ran healthy long enough: a fresh budget and backoff
        }
        int max = policy.maxRestarts();
        if (restartsUsed >= max) {
          int n = restartsUsed + 1;
          change(
              ServiceState.FAILED,
              "service crashed "
                  + n
                  + (n == 1 ? " time" : " times")
                  + "; restart budget ("
                  + max
                  + ") exhausted: "
                  + cause,
              Duration.ZERO);
          log.error("the service of workload {}: {}", workload, status.message());
        } else {
          restartsUsed++;
          backoff = policy.backoff(restartsUsed);
          change(
              ServiceState.RESTARTING,
              "service crashed: "
                  + cause
                  + "; restart "
                  + restartsUsed
                  + " of "
                  + max
                  + " in "
                  + backoff.toMillis()
                  + " ms",
              backoff);
        }
      }
    }
    deliver();
    if (backoff != null) {
      Scheduler.Cancellable c = scheduler.schedule(backoff, this::restart);
      synchronized (this) {
        if (stopping) {
          c.cancel();
        } else {
          pending = c;
        }
      }
    }
  }

  private void restart() {
    synchronized (this) {
      pending = null;
      if (stopping) {
        return;
      }
    }
    restarts.increment();
    launch();
  }

  private synchronized boolean isStopping() {
    return stopping;
  }

  // ---- status and listener
  // -----------------------------------------------------------------------

  /** Records a new status; callers hold the lock and call {@link #deliver()} after releasing it. */
  private void change(ServiceState state, String message, Duration backoff) {
    status = new ServiceStatus(state, message, restartsUsed, backoff, lastCause);
    outbox.add(status);
  }

  /** Hands queued changes to the listener, one thread at a time, in order. */
  private void deliver() {
    outbox.deliver();
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /**
   * Configures a {@link ServiceSupervisor}; every setting but the workload and factory has a
   * default.
   */
  public static final class Builder {
    private final String workload;
    private final ServiceIncarnation.Factory factory;
    private RestartPolicy policy = RestartPolicy.maxRestarts(0);
    private Clock clock = Clock.systemUTC();
    private Scheduler scheduler = Scheduler.shared();
    private Executor launcher;
    private Listener listener = (w, s) -> {};
    private MeterRegistry registry;

    private Builder(String workload, ServiceIncarnation.Factory factory) {
      this.workload = Objects.requireNonNull(workload, "workload");
      this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** The restart policy; default {@code RestartPolicy.maxRestarts(0)}: never restart. */
    public Builder policy(RestartPolicy value) {
      policy = Objects.requireNonNull(value, "policy");
      return this;
    }

    /** The clock that measures an incarnation's uptime; default the system clock. */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Where restarts wait out their backoff; default {@link Scheduler#shared()}. */
    public Builder scheduler(Scheduler value) {
      scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * Starts each incarnation; default a new daemon platform thread {@code service-<workload>}.
     * Tests may run incarnations inline.
     */
    public Builder launcher(Executor value) {
      launcher = Objects.requireNonNull(value, "launcher");
      return this;
    }

    /** Told of every state change; default none. */
    public Builder listener(Listener value) {
      listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /** Where the metrics go; default a private {@link SimpleMeterRegistry}. */
    public Builder meterRegistry(MeterRegistry value) {
      registry = Objects.requireNonNull(value, "registry");
      return this;
    }

    /** The supervisor, not started yet. */
    public ServiceSupervisor build() {
      if (registry == null) {
        registry = new SimpleMeterRegistry();
      }
      return new ServiceSupervisor(this);
    }
  }
}
