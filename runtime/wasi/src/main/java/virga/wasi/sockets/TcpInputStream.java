package virga.wasi.sockets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import virga.wasi.io.HostInputStream;
import virga.wasi.io.Readiness;
import virga.wasi.io.Signal;
import virga.wasi.io.StreamException;

/**
 * The input stream of a connected TCP socket: non-blocking reads on the channel; readiness reads
 * ahead into a small buffer, so "ready" means a read returns data, end of stream or the error.
 */
final class TcpInputStream extends HostInputStream implements Readiness {
  private final Conn conn;
  private final Waiter waiter;
  private final int peekSize;
  private byte[] ahead; // read by isReady, not yet returned
  private boolean eof;
  private IOException error;

  TcpInputStream(Conn conn, Waiter waiter, int peekSize) {
    this.conn = conn;
    this.waiter = waiter;
    this.peekSize = Math.max(1, Math.min(peekSize, 64 * 1024));
    conn.acquire();
  }

  @Override
  public synchronized byte[] read(int len) {
    if (isClosed()) {
      throw StreamException.closed();
    }
    if (ahead != null) {
      if (len == 0) {
        return new byte[0];
      }
      byte[] b = ahead;
      if (len >= b.length) {
        ahead = null;
        return b;
      }
      byte[] out = java.util.Arrays.copyOf(b, len);
      ahead = java.util.Arrays.copyOfRange(b, len, b.length);
      return out;
    }
    if (error != null) {
      IOException e = error;
      error = null;
      eof = true; // reported once; closed afterwards
      throw StreamException.failed("tcp read failed", e);
    }
    if (eof || conn.inputShut()) {
      throw StreamException.closed();
    }
    if (len == 0) {
      return new byte[0];
    }
    byte[] b = readNow(len);
    if (b == null) {
      if (error != null) {
        return read(len);
      }
      throw StreamException.closed();
    }
    return b;
  }

  /** Reads what is there now: bytes (maybe none), or null at end of stream or on error. */
  private byte[] readNow(int len) {
    ByteBuffer buf = ByteBuffer.allocate(len);
    try {
      int n = conn.ch.read(buf);
      if (n < 0) {
        eof = true;
        return null;
      }
      return java.util.Arrays.copyOf(buf.array(), n);
    } catch (IOException e) {
      error = e;
      return null;
    }
  }

  @Override
  public Readiness readiness() {
    return this;
  }

  @Override
  public synchronized boolean isReady() {
    if (isClosed() || ahead != null || eof || error != null || conn.inputShut()) {
      return true;
    }
    byte[] b = readNow(peekSize);
    if (b == null) {
      return true;
    }
    if (b.length > 0) {
      ahead = b;
      return true;
    }
    waiter.arm(conn.ch, SelectionKey.OP_READ);
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
    conn.release();
    waiter.signal.fire();
  }
}
