package virga.plugins.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code secret} resource: one copy of a value, opaque until {@code reveal}. Closing it (the
 * guest drops the handle, the instance ends, or the workload unbinds) overwrites the copy.
 */
public final class Secret implements AutoCloseable {
  private final byte[] utf8;
  private volatile boolean closed;

  Secret(byte[] utf8) {
    this.utf8 = utf8.clone();
  }

  /** The value as {@code secret-value::string}. */
  String reveal() {
    if (closed) {
      // cannot happen through the guest (a dropped handle is gone); a plugin bug if it does
      throw new IllegalStateException("secret already dropped");
    }
    return new String(utf8, StandardCharsets.UTF_8);
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    Arrays.fill(utf8, (byte) 0);
  }

  /** Never the value: a secret in a log line or an error message shows as redacted. */
  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
