package virga.plugins.blobstore;

import java.io.IOException;
import java.io.InputStream;

/**
 * The {@code incoming-value} resource: a range of an object, opened by {@code get-data} so that its
 * bytes stay readable after the object is replaced or deleted (as the WIT promises; a file stays
 * readable once open). Dropping an unconsumed value closes the stream.
 */
public final class IncomingValue implements AutoCloseable {
  private final long size;
  private InputStream in;

  IncomingValue(long size, InputStream in) {
    this.size = size;
    this.in = in;
  }

  /** The number of bytes of the range. */
  long size() {
    return size;
  }

  /** The opened range, handed over once: the caller closes it. */
  synchronized InputStream take() {
    InputStream s = in;
    in = null;
    if (s == null) {
      throw new IllegalStateException("the incoming value was consumed already");
    }
    return s;
  }

  @Override
  public synchronized void close() {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // nothing was read from it; nobody is left to tell
      }
      in = null;
    }
  }
}
