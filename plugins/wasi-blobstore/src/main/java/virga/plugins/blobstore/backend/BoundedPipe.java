package virga.plugins.blobstore.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A pipe between a producer thread (a backend pushing an object's bytes) and a consumer, holding at
 * most {@code capacity} bytes: the producer waits while it is full, so an object of any size passes
 * through a fixed amount of memory. The producer ends it with {@link #finish()} or {@link
 * #fail(Throwable)}; a consumer that closes early makes further writes fail, which stops the
 * producer.
 */
public final class BoundedPipe {
  private final byte[] ring;
  private int head;
  private int size;
  private boolean finished;
  private Throwable failure;
  private boolean consumerClosed;

  /** A pipe holding at most {@code capacity} bytes. */
  public BoundedPipe(int capacity) {
    this.ring = BufferMeter.allocate(capacity);
  }

  /** The end the producer writes. */
  public OutputStream sink() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        put(b, off, len);
      }
    };
  }

  /** The end the consumer reads; closing it tells the producer to stop. */
  public InputStream source() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return take(b, off, len);
      }

      @Override
      public synchronized int available() {
        return size();
      }

      @Override
      public void close() {
        closeConsumer();
      }
    };
  }

  /** The producer wrote everything. */
  public synchronized void finish() {
    finished = true;
    notifyAll();
  }

  /** The producer failed; the consumer gets {@code cause} once the buffered bytes are read. */
  public synchronized void fail(Throwable cause) {
    if (!finished && failure == null) {
      failure = cause;
    }
    notifyAll();
  }

  private synchronized int size() {
    return size;
  }

  private synchronized void closeConsumer() {
    consumerClosed = true;
    notifyAll();
  }

  private synchronized void put(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      while (size == ring.length && !consumerClosed) {
        await();
      }
      if (consumerClosed) {
        throw new IOException("the reader of the pipe went away");
      }
      int tail = (head + size) % ring.length;
      int n = Math.min(len, Math.min(ring.length - size, ring.length - tail));
      System.arraycopy(b, off, ring, tail, n);
      size += n;
      off += n;
      len -= n;
      notifyAll();
    }
  }

  private synchronized int take(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (size == 0 && !finished && failure == null && !consumerClosed) {
      await();
    }
    if (size == 0) {
      if (failure != null) {
        throw new IOException(failure.getMessage(), failure);
      }
      return -1;
    }
    int n = Math.min(len, Math.min(size, ring.length - head));
    System.arraycopy(ring, head, b, off, n);
    head = (head + n) % ring.length;
    size -= n;
    notifyAll();
    return n;
  }

  private void await() throws InterruptedIOException {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting on the pipe");
    }
  }
}
