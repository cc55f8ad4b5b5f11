package virga.wasi.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import virga.component.TrapException;

/**
 * Blocks the calling (guest) thread until at least one of several {@link Readiness}es is ready: the
 * engine behind {@code wasi:io/poll.poll} and {@code pollable.block}. Event sources wake it through
 * {@link Readiness#onChange}; deadlines are re-checked against the injected monotonic clock, at
 * least every {@link #MAX_PARK_NANOS} so a clock that is not the system's (a test's) still releases
 * the waiter.
 */
public final class Poller {
  /** The longest single park, so an injected clock is re-read periodically. */
  static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private Poller() {}

  /**
   * The indices of the ready entries, waiting until there is at least one. An interrupt of the
   * waiting thread ends the wait with a {@link TrapException} (the embedder cancelling the guest).
   */
  public static List<Integer> poll(List<? extends Readiness> in, LongSupplier monotonicNanos) {
    if (in.isEmpty()) {
      throw new TrapException("wasi:io/poll: poll called with an empty list");
    }
    List<Integer> ready = readyIndices(in);
    if (!ready.isEmpty()) {
      return ready;
    }
    Thread waiter = Thread.currentThread();
    Runnable wake = () -> LockSupport.unpark(waiter);
    List<Signal.Registration> regs = new ArrayList<>(in.size());
    try {
      for (Readiness r : in) {
        regs.add(r.onChange(wake));
      }
      while (true) {
        // registered before this check, so an event between check and park still unparks us
        ready = readyIndices(in);
        if (!ready.isEmpty()) {
          return ready;
        }
        long deadline = Long.MAX_VALUE;
        for (Readiness r : in) {
          deadline = Math.min(deadline, r.deadline());
        }
        long wait = MAX_PARK_NANOS;
        if (deadline != Long.MAX_VALUE) {
          wait = Math.max(1, Math.min(wait, deadline - monotonicNanos.getAsLong()));
        }
        LockSupport.parkNanos(Poller.class, wait);
        if (Thread.interrupted()) {
          throw new TrapException("wasi:io/poll: the waiting thread was interrupted");
        }
      }
    } finally {
      for (Signal.Registration reg : regs) {
        reg.close();
      }
    }
  }

  private static List<Integer> readyIndices(List<? extends Readiness> in) {
    List<Integer> out = new ArrayList<>(1);
    for (int i = 0; i < in.size(); i++) {
      if (in.get(i).isReady()) {
        out.add(i);
      }
    }
    return out;
  }
}
