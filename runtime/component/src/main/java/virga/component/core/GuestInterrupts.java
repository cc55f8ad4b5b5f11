package virga.component.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops guest code that runs too long: the one way to interrupt a thread that may be inside a guest
 * loop.
 *
 * <p>Why not plain {@link Thread#interrupt()}: a guest loop that asked the thread whether it was
 * interrupted on every iteration would pay a volatile read there, which also keeps the JIT from
 * hoisting anything out of the loop (measured: a third of a compute kernel's time). Compiled guest
 * loops call {@link #poll()} instead, which the JIT inlines to nothing while no interrupt is
 * pending. {@link #interrupt} makes every poll check the thread's interrupt flag (the JVM throws
 * away the compiled code that assumed otherwise, and the looping thread leaves it at its next
 * safepoint), until the returned {@link Pending} is closed and {@link #LINGER} has passed without
 * another interrupt. Guest calls and host calls still check the flag on every call, so a bare
 * {@code Thread.interrupt()} is seen at the guest's next call.
 */
public final class GuestInterrupts {
  private static final MethodHandle NOTHING =
      MethodHandles.empty(MethodType.methodType(void.class));
  private static final MethodHandle CHECK;
  private static final MutableCallSite SITE = new MutableCallSite(NOTHING);
  private static final MethodHandle POLL = SITE.dynamicInvoker();

  /**
   * How long polls stay on after the last pending interrupt is closed. Each switch makes the JIT
   * discard and recompile every hot guest loop, so a burst of interrupts (a rolling update stopping
   * many services) should cost one switch on and one off, not two per stop.
   */
  public static final Duration LINGER = Duration.ofSeconds(1);

  // guarded by GuestInterrupts.class
  private static int pending;
  private static boolean on;
  private static long generation; // bumped by every arm, so that a stale switch-off does nothing
  private static long switches;
  private static ScheduledExecutorService switcher;

  static {
    try {
      CHECK =
          MethodHandles.lookup()
              .findStatic(
                  GuestInterrupts.class, "checkThisThread", MethodType.methodType(void.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private GuestInterrupts() {}

  /** Releases what {@link #interrupt} set up; closing twice is closing once. */
  public interface Pending extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Interrupts {@code thread} so that guest code running on it stops at its next loop iteration or
   * call (with the engine's "interrupted" trap). Close the result once the thread has left the
   * guest or no longer needs stopping; until every one is closed (and for {@link #LINGER} after),
   * guest loops on every thread check their interrupt flag.
   */
  public static Pending interrupt(Thread thread) {
    arm();
    thread.interrupt();
    return new Pending() {
      private boolean closed;

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          disarm();
        }
      }
    };
  }

  /**
   * Called by compiled guest code on every loop back-edge: nothing while no interrupt is pending,
   * otherwise the interrupt check of the running thread.
   */
  public static void poll() {
    try {
      POLL.invokeExact();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t); // the targets throw nothing checked
    }
  }

  /** How many times polls were switched on or off; a measure of the recompilation it caused. */
  public static synchronized long switches() {
    return switches;
  }

  /** Whether polls check the thread's flag now (an interrupt pending, or closed within LINGER). */
  public static synchronized boolean on() {
    return on;
  }

  private static synchronized void arm() {
    pending++;
    generation++;
    if (!on) {
      retarget(CHECK);
      on = true;
    }
  }

  private static synchronized void disarm() {
    if (--pending > 0) {
      return;
    }
    long armedAs = generation;
    if (switcher == null) {
      switcher =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "virga-guest-interrupts");
                t.setDaemon(true);
                return t;
              });
    }
    switcher.schedule(() -> switchOff(armedAs), LINGER.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static synchronized void switchOff(long armedAs) {
    if (on && pending == 0 && generation == armedAs) {
      retarget(NOTHING);
      on = false;
    }
  }

  private static void retarget(MethodHandle target) {
    SITE.setTarget(target);
    MutableCallSite.syncAll(new MutableCallSite[] {SITE});
    switches++;
  }

  private static void checkThisThread() {
    if (Thread.currentThread().isInterrupted()) {
      throw new GuestInterruptedException();
    }
  }

  /** What a poll throws on an interrupted thread; engines report it as their interrupted trap. */
  public static final class GuestInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GuestInterruptedException() {
      super("Thread interrupted"); // with a stack: the trap shows the guest's backtrace
    }
  }
}
