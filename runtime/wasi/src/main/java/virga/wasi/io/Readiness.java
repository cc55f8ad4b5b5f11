package virga.wasi.io;

/**
 * Something a guest can wait for with {@code wasi:io/poll}: a clock deadline, a stream with data or
 * room, a socket event. Every pollable shares this one abstraction, so {@link Poller} can wait on
 * several kinds at once.
 */
public interface Readiness {
  /** Whether waiting now would return immediately. Must not block. */
  boolean isReady();

  /**
   * The monotonic-clock instant (nanoseconds) at which this becomes ready with no event, or {@link
   * Long#MAX_VALUE}. Timers use it; event sources leave the default.
   */
  default long deadline() {
    return Long.MAX_VALUE;
  }

  /**
   * Arranges for {@code waker} to run (on any thread) whenever readiness may have changed, until
   * the returned registration is closed. Spurious calls are allowed; missed ones are not.
   */
  Signal.Registration onChange(Runnable waker);

  /** A readiness that is always ready (an output stream with room, a resolved future). */
  Readiness ALWAYS =
      new Readiness() {
        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public Signal.Registration onChange(Runnable waker) {
          return Signal.Registration.NONE;
        }
      };
}
