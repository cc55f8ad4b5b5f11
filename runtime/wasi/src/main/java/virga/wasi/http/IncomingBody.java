package virga.wasi.http;

import virga.component.TrapException;
import virga.wasi.host.HostResource;
import virga.wasi.io.HostInputStream;
import virga.wasi.io.Readiness;

/**
 * The rep of {@code incoming-body}: one {@link BodySource}; {@code stream} hands out its single
 * input-stream child, {@code finish} turns it into future-trailers. When both the body and its
 * stream are dropped before the end, the rest of the body is discarded, so the transport never
 * waits on a guest that stopped reading.
 */
public final class IncomingBody extends HostResource {
  private final BodySource source;
  private Stream stream;
  private boolean streamTaken;
  private boolean finished;

  /** A body over {@code source}. */
  public IncomingBody(BodySource source) {
    this.source = source;
  }

  /** The source. */
  public BodySource source() {
    return source;
  }

  /** The body's stream, once; null on later calls. */
  public synchronized HostInputStream stream() {
    if (streamTaken) {
      return null;
    }
    streamTaken = true;
    stream = new Stream();
    return stream;
  }

  /** {@code finish}: the future of the trailers; traps while the stream child is alive. */
  public FutureTrailers finish() {
    synchronized (this) {
      if (stream != null && !stream.isClosed()) {
        throw new TrapException(
            "wasi:http: incoming-body.finish while its input-stream is still alive");
      }
      finished = true;
    }
    source.discard(); // data not read is dropped; the end and trailers are still awaited
    close();
    return new FutureTrailers(source);
  }

  @Override
  protected void onClose() {
    boolean discard;
    synchronized (this) {
      discard = !finished && (stream == null || stream.isClosed());
    }
    if (discard) {
      source.discard();
    }
  }

  private final class Stream extends HostInputStream {
    @Override
    public byte[] read(int len) {
      return source.read(len);
    }

    @Override
    public Readiness readiness() {
      return source;
    }

    @Override
    protected void onClose() {
      if (IncomingBody.this.isClosed()) {
        source.discard();
      }
    }
  }
}
