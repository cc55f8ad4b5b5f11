package virga.wasi.clocks;

import virga.wasi.io.Readiness;
import virga.wasi.io.Signal;

/** Ready once the monotonic clock reaches {@code when}: the pollable of the clock subscriptions. */
public final class Timer implements Readiness {
  private final MonotonicClock clock;
  private final long when;

  /** A timer firing at instant {@code when} (nanoseconds) of {@code clock}. */
  public Timer(MonotonicClock clock, long when) {
    this.clock = clock;
    this.when = when;
  }

  @Override
  public boolean isReady() {
    return clock.now() >= when;
  }

  @Override
  public long deadline() {
    return when;
  }

  @Override
  public Signal.Registration onChange(Runnable waker) {
    return Signal.Registration.NONE; // the poller re-checks deadlines itself
  }
}
