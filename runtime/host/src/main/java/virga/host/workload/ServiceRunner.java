package virga.host.workload;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import virga.component.TrapException;
import virga.component.values.Value;
import virga.host.service.ServiceIncarnation;
import virga.wasi.WasiExit;

/**
 * The incarnations of a workload's service for the supervisor: each is a fresh instance. A command
 * service ({@code wasi:cli/run}) runs {@code run} to its end (exit code 0 for {@code ok}, 1 for
 * {@code err}, or the code given to {@code wasi:cli/exit}). A service exporting one interface
 * instead is kept alive, pinned, until it is stopped; plugins call its export through {@link
 * #call}, and a trap there ends the incarnation so that the next call meets a fresh instance.
 */
final class ServiceRunner implements ServiceIncarnation.Factory {
  /** How long a call waits for a (re)starting service's instance. */
  private static final Duration PIN_WAIT = Duration.ofSeconds(10);

  private final String label;
  private final InstanceFactory factory;
  private final String runExport;
  private final Object pinLock = new Object();
  private LiveInstance pinned; // guarded by pinLock
  private Thread pinnedThread; // the incarnation holding the pinned instance

  ServiceRunner(String label, InstanceFactory factory, String runExport) {
    this.label = label;
    this.factory = factory;
    this.runExport = runExport;
  }

  @Override
  public ServiceIncarnation create() {
    LiveInstance live = factory.create();
    return runExport != null ? () -> run(live) : () -> pin(live);
  }

  private int run(LiveInstance live) {
    try (live) {
      Value result = live.instance().call(runExport + "#run");
      return ((Value.ResultValue) result).isOk() ? 0 : 1;
    } catch (RuntimeException e) {
      WasiExit exit = WasiExit.find(e);
      if (exit != null) {
        return exit.code();
      }
      throw e;
    }
  }

  private int pin(LiveInstance live) throws InterruptedException {
    synchronized (pinLock) {
      pinned = live;
      pinnedThread = Thread.currentThread();
      pinLock.notifyAll();
    }
    try {
      synchronized (pinLock) {
        while (pinned == live) {
          pinLock.wait(); // until stopped (interrupt) or a call trapped (unpinned)
        }
      }
      throw new IllegalStateException(label + ": a call into its export trapped");
    } finally {
      synchronized (pinLock) {
        if (pinned == live) {
          pinned = null;
        }
        pinnedThread = null;
        pinLock.notifyAll();
      }
      live.close();
    }
  }

  /**
   * Calls {@code function} of the pinned instance, one call at a time.
   *
   * @throws WorkloadException when the service runs {@code wasi:cli/run} or is (re)starting
   */
  Value call(String function, Value... args) {
    if (runExport != null) {
      throw new WorkloadException(
          label + " runs wasi:cli/run; its exports cannot be called while it runs");
    }
    synchronized (pinLock) {
      long end = System.nanoTime() + PIN_WAIT.toNanos();
      while (pinned == null && System.nanoTime() < end) {
        try { // starting, or restarting after a trap: its next instance is on the way
          TimeUnit.NANOSECONDS.timedWait(pinLock, end - System.nanoTime());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      LiveInstance live = pinned;
      if (live == null) {
        throw new WorkloadException(
            label + " is not running (it did not start within " + PIN_WAIT.toSeconds() + " s)");
      }
      try {
        return live.instance().call(function, args);
      } catch (TrapException e) {
        pinned = null; // a trapped instance is never re-entered: the supervisor restarts it
        pinLock.notifyAll();
        throw e;
      }
    }
  }

  /** Whether an incarnation currently holds a pinned instance (tests). */
  boolean pinnedNow() {
    synchronized (pinLock) {
      return pinned != null && pinnedThread != null;
    }
  }
}
