package virga.plugins.blobstore.backend;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the largest byte buffer the plugin's streaming code holds at once, so tests can show that
 * an object much larger than the buffers went through without ever being held whole.
 */
public final class BufferMeter {
  private static final AtomicLong LARGEST = new AtomicLong();

  private BufferMeter() {}

  /** A new buffer of {@code size} bytes, counted. */
  public static byte[] allocate(int size) {
    LARGEST.accumulateAndGet(size, Math::max);
    return new byte[size];
  }

  /** Records that {@code size} bytes are held together (a queue of chunks). */
  public static void holding(long size) {
    LARGEST.accumulateAndGet(size, Math::max);
  }

  /** The largest buffer counted since the last {@link #reset()}. */
  public static long largest() {
    return LARGEST.get();
  }

  /** Starts counting afresh. */
  public static void reset() {
    LARGEST.set(0);
  }
}
