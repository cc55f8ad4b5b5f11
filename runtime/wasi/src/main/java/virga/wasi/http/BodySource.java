package virga.wasi.http;

import java.util.ArrayDeque;
import java.util.List;
import virga.wasi.io.Readiness;
import virga.wasi.io.Signal;
import virga.wasi.io.StreamException;

/**
 * An incoming body (a request body on the server, a response body on the client) on its way from
 * the network to a guest: a bounded buffer of chunks, then the end with optional trailers or a
 * failure with an {@link ErrorCode}. The producer (the transport) offers chunks and is paused
 * through {@link Flow} while more than {@code highWater} bytes wait, and resumed once the guest has
 * read them; a guest that stops caring ({@link #discard}) never wedges the producer, whose further
 * chunks are dropped. Thread-safe; the readiness turns ready on data, end or failure.
 */
public final class BodySource implements Readiness {
  /** How the source pauses and resumes its producer (e.g. a channel's auto-read). */
  public interface Flow {
    void pause();

    void resume();

    /** No producer control: the producer is bounded some other way. */
    Flow NONE =
        new Flow() {
          @Override
          public void pause() {}

          @Override
          public void resume() {}
        };
  }

  private final Signal signal = new Signal();
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private final long highWater;
  private final Flow flow;
  private int head;
  private long buffered;
  private long received;
  private boolean ended;
  private List<Fields.Entry> trailers;
  private ErrorCode error;
  private boolean errorReported;
  private boolean discarding;
  private boolean paused;

  /** A source pausing its producer through {@code flow} beyond {@code highWater} bytes. */
  public BodySource(long highWater, Flow flow) {
    this.highWater = highWater;
    this.flow = flow;
  }

  /** An already complete body holding {@code bytes}. */
  public static BodySource of(byte[] bytes) {
    BodySource s = new BodySource(Long.MAX_VALUE, Flow.NONE);
    if (bytes.length > 0) {
      s.offer(bytes);
    }
    s.end(null);
    return s;
  }

  // ---- producer side ----

  /** Adds a chunk (the array is kept, not copied). */
  public void offer(byte[] chunk) {
    boolean pause = false;
    synchronized (this) {
      if (ended || error != null) {
        return;
      }
      received += chunk.length;
      if (discarding || chunk.length == 0) {
        return;
      }
      chunks.addLast(chunk);
      buffered += chunk.length;
      if (buffered >= highWater && !paused) {
        paused = true;
        pause = true;
      }
    }
    if (pause) {
      flow.pause();
    }
    signal.fire();
  }

  /** Ends the body; {@code trailerEntries} may be null or empty for none. */
  public void end(List<Fields.Entry> trailerEntries) {
    synchronized (this) {
      if (ended || error != null) {
        return;
      }
      ended = true;
      trailers = trailerEntries == null || trailerEntries.isEmpty() ? null : trailerEntries;
    }
    signal.fire();
  }

  /** Fails the body: the guest's next read after the buffered data reports {@code code}. */
  public void fail(ErrorCode code) {
    synchronized (this) {
      if (ended || error != null) {
        return;
      }
      error = code;
    }
    signal.fire();
  }

  /** Bytes offered so far, including discarded ones. */
  public synchronized long received() {
    return received;
  }

  /** Whether the body has ended or failed. */
  public synchronized boolean isComplete() {
    return ended || error != null;
  }

  // ---- consumer side ----

  /**
   * Up to {@code max} buffered bytes, possibly none; never blocks.
   *
   * @throws StreamException {@code closed} at the end, or once {@code last-operation-failed}
   *     carrying the error code, then {@code closed}
   */
  public byte[] read(int max) {
    byte[] out;
    boolean resume = false;
    synchronized (this) {
      if (buffered == 0) {
        if (error != null && !errorReported) {
          errorReported = true;
          throw StreamException.failed("http body failed", error.exception());
        }
        if (ended || error != null || discarding) {
          throw StreamException.closed();
        }
        return new byte[0];
      }
      int n = (int) Math.min(max, buffered);
      out = new byte[n];
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
      buffered -= n;
      if (paused && buffered < highWater / 2) {
        paused = false;
        resume = true;
      }
    }
    if (resume) {
      flow.resume();
    }
    return out;
  }

  /**
   * The guest will read no more data: buffered and further chunks are dropped and the producer is
   * resumed, so the transport can read the rest of the body (end and trailers are still kept).
   */
  public void discard() {
    boolean resume;
    synchronized (this) {
      discarding = true;
      chunks.clear();
      head = 0;
      buffered = 0;
      resume = paused;
      paused = false;
    }
    if (resume) {
      flow.resume();
    }
    signal.fire();
  }

  /** The trailers once {@link #isComplete}: null for none. */
  public synchronized List<Fields.Entry> trailers() {
    return trailers;
  }

  /** The failure once complete, or null. */
  public synchronized ErrorCode error() {
    return error;
  }

  @Override
  public synchronized boolean isReady() {
    return buffered > 0 || ended || error != null || discarding;
  }

  @Override
  public Signal.Registration onChange(Runnable waker) {
    return signal.register(waker);
  }

  /** A readiness that turns ready only when the body is complete (future-trailers). */
  public Readiness completion() {
    return new Readiness() {
      @Override
      public boolean isReady() {
        return isComplete();
      }

      @Override
      public Signal.Registration onChange(Runnable waker) {
        return signal.register(waker);
      }
    };
  }
}
