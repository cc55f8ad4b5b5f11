package virga.wasi.http;

import java.util.ArrayList;
import java.util.List;
import virga.wasi.io.Readiness;
import virga.wasi.io.Signal;
import virga.wasi.io.StreamException;

/**
 * An outgoing body (a response body on the server, a request body on the client) on its way from a
 * guest to the network: the guest writes into a bounded buffer ({@code check-write} permits what is
 * free), and a transport attached with {@link #attach} takes the chunks when it is told there is
 * something to take. The consumer is told on every flush, at the end, on abort, and when the buffer
 * passes a quarter of its capacity, so small responses leave in one write while streamed ones flow.
 * Thread-safe.
 */
public final class BodyPipe {
  private final Signal writerSignal = new Signal();
  private final long capacity;
  private List<byte[]> chunks = new ArrayList<>();
  private long buffered;
  private long written;
  private boolean finished;
  private List<Fields.Entry> trailers;
  private ErrorCode aborted;
  private ErrorCode consumerFailed;
  private Runnable listener;

  /** A pipe buffering at most {@code capacity} bytes. */
  public BodyPipe(long capacity) {
    this.capacity = capacity;
  }

  // ---- writer (guest) side ----

  /** Bytes the guest may write now. */
  public synchronized long permit() {
    ensureWritable();
    return Math.max(0, capacity - buffered);
  }

  /** Accepts {@code bytes} (within the last permit; the array is kept). */
  public void write(byte[] bytes) {
    boolean notify;
    synchronized (this) {
      ensureWritable();
      if (bytes.length == 0) {
        return;
      }
      chunks.add(bytes);
      buffered += bytes.length;
      written += bytes.length;
      notify = buffered >= capacity / 4;
    }
    if (notify) {
      notifyConsumer();
    }
  }

  /** Asks the consumer to send what is buffered. */
  public void flush() {
    synchronized (this) {
      ensureWritable();
    }
    notifyConsumer();
  }

  /** Ends the body with optional trailers. */
  public void finish(List<Fields.Entry> trailerEntries) {
    synchronized (this) {
      if (finished || aborted != null) {
        return;
      }
      finished = true;
      trailers = trailerEntries == null || trailerEntries.isEmpty() ? null : trailerEntries;
    }
    notifyConsumer();
  }

  /** Ends the body as incomplete (the guest dropped it without finishing, or trapped). */
  public void abort(ErrorCode why) {
    synchronized (this) {
      if (finished || aborted != null) {
        return;
      }
      aborted = why;
      chunks = new ArrayList<>();
      buffered = 0;
    }
    notifyConsumer();
    writerSignal.fire();
  }

  /** Bytes written by the guest so far. */
  public synchronized long written() {
    return written;
  }

  /** Ready when the guest may write again, or a write would fail. */
  public Readiness writerReadiness() {
    return new Readiness() {
      @Override
      public boolean isReady() {
        synchronized (BodyPipe.this) {
          return buffered < capacity || consumerFailed != null || aborted != null || finished;
        }
      }

      @Override
      public Signal.Registration onChange(Runnable waker) {
        return writerSignal.register(waker);
      }
    };
  }

  private void ensureWritable() {
    if (consumerFailed != null) {
      throw StreamException.failed("http body failed", consumerFailed.exception());
    }
    if (finished || aborted != null) {
      throw StreamException.closed();
    }
  }

  // ---- consumer (transport) side ----

  /** Attaches the consumer; {@code onData} runs (on any thread) when there is something to take. */
  public void attach(Runnable onData) {
    boolean now;
    synchronized (this) {
      listener = onData;
      now = buffered > 0 || finished || aborted != null;
    }
    if (now) {
      onData.run();
    }
  }

  /** Takes every buffered chunk (possibly none) and frees their room for the writer. */
  public List<byte[]> take() {
    List<byte[]> out;
    synchronized (this) {
      if (chunks.isEmpty()) {
        return List.of();
      }
      out = chunks;
      chunks = new ArrayList<>();
      buffered = 0;
    }
    writerSignal.fire();
    return out;
  }

  /** Whether the guest finished the body (what is buffered is the rest). */
  public synchronized boolean isFinished() {
    return finished;
  }

  /** Whether the body ended as incomplete. */
  public synchronized ErrorCode aborted() {
    return aborted;
  }

  /** Whether nothing is buffered. */
  public synchronized boolean isEmpty() {
    return buffered == 0;
  }

  /** The trailers after finish, or null. */
  public synchronized List<Fields.Entry> trailers() {
    return trailers;
  }

  /** The transport failed (peer gone, timeout): the guest's next write fails with {@code code}. */
  public void fail(ErrorCode code) {
    synchronized (this) {
      if (consumerFailed != null) {
        return;
      }
      consumerFailed = code;
      chunks = new ArrayList<>();
      buffered = 0;
    }
    writerSignal.fire();
  }

  private void notifyConsumer() {
    Runnable l;
    synchronized (this) {
      l = listener;
    }
    if (l != null) {
      l.run();
    }
  }
}
