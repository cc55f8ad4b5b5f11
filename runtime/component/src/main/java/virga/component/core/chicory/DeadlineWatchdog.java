package virga.component.core.chicory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import virga.component.core.GuestInterrupts;

/**
 * Interrupts guest calls that outlive their deadline, from one shared daemon thread.
 *
 * <p>Compiled guest code polls {@link GuestInterrupts} on loop back-edges and checks {@link
 * Thread#isInterrupted()} on calls, as Chicory's interpreter does; this class only has to interrupt
 * the calling thread through {@link GuestInterrupts} at the right time and clear the flag (and
 * release the interrupt) afterwards.
 *
 * <p>Arming costs no allocation: each thread owns one reusable {@link Watch} whose {@code deadline}
 * field is set on entry and reset on exit. The timer thread sleeps until the earliest armed
 * deadline and is only woken when a call arms an earlier one. Nested calls on one thread keep the
 * earliest deadline and restore the outer one on exit.
 */
final class DeadlineWatchdog {
  /** The process-wide watchdog. */
  static final DeadlineWatchdog SHARED = new DeadlineWatchdog();

  // Deadlines are nanoseconds since ORIGIN, always > 0, so the sign bit can encode states.
  private static final long ORIGIN = System.nanoTime() - 1;
  private static final long NONE = 0;
  private static final long FIRING = -1;
  private static final long FIRED = -2;

  /** Returned by {@link #enter} when an outer deadline of this thread has already fired. */
  static final long PENDING = -3;

  private static final VarHandle DEADLINE;

  static {
    try {
      DEADLINE = MethodHandles.lookup().findVarHandle(Watch.class, "deadline", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** One thread's slot. */
  static final class Watch {
    final Thread thread;
    volatile long deadline;
    // the interrupt the timer delivered, written before deadline becomes FIRED; closed by exit()
    GuestInterrupts.Pending interrupt;

    Watch(Thread thread) {
      this.thread = thread;
    }
  }

  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Watch> current = ThreadLocal.withInitial(this::register);
  private final Thread timer;
  private volatile long nextWake = Long.MAX_VALUE;

  private DeadlineWatchdog() {
    timer = new Thread(this::run, "virga-wasm-deadline");
    timer.setDaemon(true);
    timer.start();
  }

  private Watch register() {
    var w = new Watch(Thread.currentThread());
    watches.add(w);
    return w;
  }

  private static long now() {
    return System.nanoTime() - ORIGIN;
  }

  /**
   * Arms a deadline {@code nanos} from now for the calling thread; returns the token to pass to
   * {@link #exit}.
   */
  long enter(long nanos) {
    Watch w = current.get();
    long want = now() + Math.min(nanos, Long.MAX_VALUE / 4);
    long prev = w.deadline;
    if (prev < 0) {
      return PENDING; // an outer deadline fired; its interrupt is (about to be) pending
    }
    if (prev > 0 && prev <= want) {
      return prev; // the outer call's deadline is earlier and covers this call
    }
    if (!DEADLINE.compareAndSet(w, prev, want)) {
      return PENDING; // the outer deadline fired between the read and the CAS
    }
    if (want < nextWake) {
      LockSupport.unpark(timer);
    }
    return prev;
  }

  /**
   * Disarms (restoring an outer call's deadline); returns true when the deadline fired during the
   * call. The interrupt delivered by the watchdog is cleared unless an outer call owns it.
   */
  boolean exit(long token) {
    if (token == PENDING) {
      return Thread.currentThread().isInterrupted(); // the outer call clears it on its exit
    }
    Watch w = current.get();
    long cur = w.deadline;
    if (cur > 0) {
      if (cur == token || DEADLINE.compareAndSet(w, cur, token)) {
        return false;
      }
    }
    // Fired: wait until the interrupt is delivered, then clear exactly that interrupt.
    while (w.deadline == FIRING) {
      Thread.onSpinWait();
    }
    releaseInterrupt(w);
    Thread.interrupted();
    // An outer deadline is never later than ours was armed for... unless we shortened it; restore
    // it either way: if it has passed too, the timer fires again for the outer call.
    w.deadline = token;
    if (token > 0 && token < nextWake) {
      LockSupport.unpark(timer);
    }
    return true;
  }

  private static void releaseInterrupt(Watch w) {
    GuestInterrupts.Pending p = w.interrupt;
    if (p != null) {
      w.interrupt = null;
      p.close(); // closing twice is closing once: the timer and the thread may both get here
    }
  }

  private void run() {
    while (true) {
      // MAX while scanning makes every concurrent enter() unpark us, so no arm is missed.
      nextWake = Long.MAX_VALUE;
      long now = now();
      long next = Long.MAX_VALUE;
      for (Watch w : watches) {
        if (!w.thread.isAlive()) {
          watches.remove(w);
          releaseInterrupt(w); // died inside a call that timed out: its polls need not stay on
          continue;
        }
        long d = w.deadline;
        if (d <= 0) {
          continue;
        }
        if (d <= now) {
          if (DEADLINE.compareAndSet(w, d, FIRING)) {
            w.interrupt = GuestInterrupts.interrupt(w.thread);
            w.deadline = FIRED;
          }
        } else if (d < next) {
          next = d;
        }
      }
      nextWake = next;
      if (next == Long.MAX_VALUE) {
        LockSupport.park(this);
      } else {
        LockSupport.parkNanos(this, next - now());
      }
    }
  }
}
