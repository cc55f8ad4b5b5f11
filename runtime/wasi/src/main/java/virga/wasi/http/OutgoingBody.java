package virga.wasi.http;

import java.util.List;
import virga.component.TrapException;
import virga.wasi.host.HostResource;
import virga.wasi.io.HostOutputStream;
import virga.wasi.io.Readiness;
import virga.wasi.io.StreamException;

/**
 * The rep of {@code outgoing-body}: writes go into a {@link BodyPipe}; a declared {@code
 * content-length} is enforced (writing past it fails the write, finishing short of it fails {@code
 * finish}, both with the request or response body-size error); {@code finish} traps while the
 * output-stream child is alive; dropping the body without {@code finish} aborts it, which the
 * transport reports to the peer as an incomplete message.
 */
public final class OutgoingBody extends HostResource {
  private final BodyPipe pipe;
  private final Long contentLength;
  private final boolean response;
  private final long writeBudget;
  private Stream stream;
  private boolean streamTaken;
  private boolean finished;

  /**
   * A body writing into {@code pipe}; {@code contentLength} is the declared length or null; {@code
   * response} selects the response (not request) body-size error.
   */
  public OutgoingBody(BodyPipe pipe, Long contentLength, boolean response, long writeBudget) {
    this.pipe = pipe;
    this.contentLength = contentLength;
    this.response = response;
    this.writeBudget = writeBudget;
  }

  /** The pipe the transport reads. */
  public BodyPipe pipe() {
    return pipe;
  }

  /** The body's stream, once; null on later calls. */
  public synchronized HostOutputStream write() {
    if (streamTaken) {
      return null;
    }
    streamTaken = true;
    stream = new Stream();
    return stream;
  }

  /** {@code finish}: ends the body with optional trailers, or fails with a body-size error. */
  public void finish(List<Fields.Entry> trailers) {
    synchronized (this) {
      if (stream != null && !stream.isClosed()) {
        throw new TrapException(
            "wasi:http: outgoing-body.finish while its output-stream is still alive");
      }
      finished = true;
    }
    close();
    long n = pipe.written();
    if (contentLength != null && n != contentLength) {
      ErrorCode e = sizeError(n);
      pipe.abort(e);
      throw e.exception();
    }
    pipe.finish(trailers);
  }

  @Override
  protected void onClose() {
    boolean abort;
    synchronized (this) {
      abort = !finished;
    }
    if (abort) {
      pipe.abort(ErrorCode.internal("outgoing-body dropped without finish"));
    }
  }

  private ErrorCode sizeError(long n) {
    return response ? ErrorCode.responseBodySize(n) : ErrorCode.requestBodySize(n);
  }

  private final class Stream extends HostOutputStream {
    @Override
    public long checkWrite() {
      if (isClosed()) {
        throw StreamException.closed();
      }
      long p = Math.min(pipe.permit(), writeBudget);
      if (contentLength != null) {
        p = Math.min(p, Math.max(0, contentLength - pipe.written()));
        if (p == 0 && pipe.written() >= contentLength) {
          return 1; // let the next write fail with the size error rather than wait forever
        }
      }
      return p;
    }

    @Override
    public void write(byte[] bytes) {
      if (isClosed()) {
        throw StreamException.closed();
      }
      if (contentLength != null && pipe.written() + bytes.length > contentLength) {
        ErrorCode e = sizeError(pipe.written() + bytes.length);
        throw StreamException.failed("body exceeds its content-length", e.exception());
      }
      pipe.write(bytes);
    }

    @Override
    public void flush() {
      if (isClosed()) {
        throw StreamException.closed();
      }
      pipe.flush();
    }

    @Override
    public Readiness readiness() {
      return pipe.writerReadiness();
    }
  }
}
