package virga.wasi.clocks;

/** The source of {@code wasi:clocks/monotonic-clock}: nanoseconds from an arbitrary origin. */
public interface MonotonicClock {
  /** The current instant in nanoseconds; never decreases. */
  long now();

  /** The resolution in nanoseconds. */
  default long resolution() {
    return 1;
  }

  /** {@link System#nanoTime()}, shifted so a new context starts near zero. */
  static MonotonicClock system() {
    long origin = System.nanoTime();
    return () -> System.nanoTime() - origin;
  }
}
