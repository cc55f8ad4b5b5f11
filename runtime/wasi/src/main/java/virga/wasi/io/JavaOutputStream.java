package virga.wasi.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An output-stream over a Java {@link OutputStream}, written synchronously: it is always ready,
 * permits {@code budget} bytes per write, and after a failed write reports {@code closed}. Only an
 * owning handle closes the Java stream when dropped (stdout handles do not).
 */
public final class JavaOutputStream extends HostOutputStream {
  private final OutputStream out;
  private final long budget;
  private final boolean owning;
  private boolean failed;

  /** A handle on {@code out} permitting {@code budget} bytes per write. */
  public JavaOutputStream(OutputStream out, long budget, boolean owning) {
    this.out = out;
    this.budget = budget;
    this.owning = owning;
  }

  @Override
  public long checkWrite() {
    ensureOpen();
    return budget;
  }

  @Override
  public void write(byte[] bytes) {
    ensureOpen();
    try {
      out.write(bytes);
    } catch (IOException e) {
      failed = true;
      throw StreamException.failed("write failed", e);
    }
  }

  @Override
  public void flush() {
    ensureOpen();
    try {
      out.flush();
    } catch (IOException e) {
      failed = true;
      throw StreamException.failed("flush failed", e);
    }
  }

  @Override
  public Readiness readiness() {
    return Readiness.ALWAYS;
  }

  @Override
  protected void onClose() {
    try {
      if (owning) {
        out.close();
      } else {
        out.flush();
      }
    } catch (IOException e) {
      // the guest dropped the handle; there is no one left to tell
    }
  }

  private void ensureOpen() {
    if (failed || isClosed()) {
      throw StreamException.closed();
    }
  }
}
