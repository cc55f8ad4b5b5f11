package virga.wasi.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * A blocking Java {@link InputStream} made pollable: a daemon thread reads ahead into a bounded
 * buffer, so a guest can poll stdin together with timers and sockets, and a non-blocking read never
 * blocks. The thread starts on first use and holds at most {@code capacity} bytes.
 */
public final class AsyncInputSource implements Readiness, AutoCloseable {
  private final InputStream in;
  private final int capacity;
  private final String name;
  private final Signal signal = new Signal();
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private int head; // bytes of chunks.peekFirst() already consumed
  private int size;
  private boolean eof;
  private IOException error;
  private boolean started;
  private boolean closed;

  /**
   * A source over {@code in} buffering at most {@code capacity} bytes; {@code name} names the
   * thread.
   */
  public AsyncInputSource(InputStream in, int capacity, String name) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.in = in;
    this.capacity = capacity;
    this.name = name;
  }

  /**
   * Up to {@code max} buffered bytes, possibly none.
   *
   * @throws StreamException at end of stream, or once with the read error that ended it
   */
  public synchronized byte[] read(int max) {
    start();
    if (size == 0) {
      if (error != null) {
        IOException e = error;
        error = null;
        eof = true; // the failure is reported once; afterwards the stream is closed
        throw StreamException.failed("read failed", e);
      }
      if (eof || closed) {
        throw StreamException.closed();
      }
      return new byte[0];
    }
    int n = Math.min(max, size);
    byte[] out = new byte[n];
    int off = 0;
    while (off < n) {
      byte[] c = chunks.peekFirst();
      int take = Math.min(n - off, c.length - head);
      System.arraycopy(c, head, out, off, take);
      off += take;
      head += take;
      if (head == c.length) {
        chunks.removeFirst();
        head = 0;
      }
    }
    size -= n;
    notifyAll(); // room for the reader thread
    return out;
  }

  @Override
  public synchronized boolean isReady() {
    start();
    return size > 0 || eof || error != null || closed;
  }

  @Override
  public Signal.Registration onChange(Runnable waker) {
    return signal.register(waker);
  }

  /** Stops reading ahead; a read blocked in the underlying stream ends with that stream. */
  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  private void start() {
    if (!started) {
      started = true;
      Thread t = new Thread(this::pump, name);
      t.setDaemon(true);
      t.start();
    }
  }

  private void pump() {
    byte[] tmp = new byte[Math.min(capacity, 16 * 1024)];
    try {
      while (true) {
        int room;
        synchronized (this) {
          while (size >= capacity && !closed) {
            wait();
          }
          if (closed) {
            return;
          }
          room = Math.min(tmp.length, capacity - size);
        }
        int n = in.read(tmp, 0, room);
        synchronized (this) {
          if (n < 0) {
            eof = true;
          } else if (n > 0) {
            byte[] c = new byte[n];
            System.arraycopy(tmp, 0, c, 0, n);
            chunks.addLast(c);
            size += n;
          }
        }
        signal.fire();
        if (n < 0) {
          return;
        }
      }
    } catch (IOException e) {
      synchronized (this) {
        error = e;
      }
      signal.fire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
