package virga.wasi.sockets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import virga.wasi.io.HostOutputStream;
import virga.wasi.io.Readiness;
import virga.wasi.io.Signal;
import virga.wasi.io.StreamException;

/**
 * The output stream of a connected TCP socket: a write goes to the channel at once as far as the
 * kernel takes it; the rest waits in one pending buffer, which the next check-write, flush or
 * readiness check pushes on. check-write permits {@code budget} bytes only when nothing is pending.
 */
final class TcpOutputStream extends HostOutputStream implements Readiness {
  private final Conn conn;
  private final Waiter waiter;
  private final long budget;
  private ByteBuffer pending;
  private IOException error;
  private boolean failed;

  TcpOutputStream(Conn conn, Waiter waiter, long budget) {
    this.conn = conn;
    this.waiter = waiter;
    this.budget = budget;
    conn.acquire();
  }

  @Override
  public synchronized long checkWrite() {
    ensureOpen();
    drain();
    ensureOpen();
    return pending == null ? budget : 0;
  }

  @Override
  public synchronized void write(byte[] bytes) {
    ensureOpen();
    if (bytes.length == 0) {
      return;
    }
    drain();
    ensureOpen();
    if (pending != null) {
      ByteBuffer merged = ByteBuffer.allocate(pending.remaining() + bytes.length);
      merged.put(pending).put(bytes).flip();
      pending = merged;
    } else {
      pending = ByteBuffer.wrap(bytes.clone());
    }
    drain();
    ensureOpen();
  }

  @Override
  public synchronized void flush() {
    ensureOpen();
    drain();
    ensureOpen();
  }

  private void drain() {
    if (pending == null || error != null) {
      return;
    }
    try {
      conn.ch.write(pending);
      if (!pending.hasRemaining()) {
        pending = null;
      }
    } catch (IOException e) {
      error = e;
      pending = null;
    }
  }

  private void ensureOpen() {
    if (isClosed() || failed) {
      throw StreamException.closed();
    }
    if (error != null) {
      failed = true;
      throw StreamException.failed("tcp write failed", error);
    }
  }

  @Override
  public Readiness readiness() {
    return this;
  }

  @Override
  public synchronized boolean isReady() {
    drain();
    if (pending == null || error != null || isClosed()) {
      return true;
    }
    waiter.arm(conn.ch, SelectionKey.OP_WRITE);
    return false;
  }

  @Override
  public Signal.Registration onChange(Runnable waker) {
    Signal.Registration r = waiter.signal.register(waker);
    isReady();
    return r;
  }

  @Override
  protected void onClose() {
    synchronized (this) {
      drain(); // best effort: what the kernel takes now still goes out
    }
    conn.release();
    waiter.signal.fire();
  }
}
