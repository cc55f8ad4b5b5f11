package virga.wasi.clocks;

/** The source of {@code wasi:clocks/monotonic-clock}: nanoseconds from an arbitrary origin. */
public interface MonotonicClock {
  /** The current instant in nanoseconds; never decreases. */
  long now();

  /** The resolution in nanoseconds. */
  default long resolution() {
    return 1;
  }

  /**
   * {@link System#nanoTime()} as it is. Not shifted to start near zero: guests pre-initialised at
   * build time (QuickJS components) hold a reading from that time and subtract it from ours.
   */
  static MonotonicClock system() {
    return System::nanoTime;
  }
}
