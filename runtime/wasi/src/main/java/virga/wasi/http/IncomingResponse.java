package virga.wasi.http;

import java.util.List;
import virga.wasi.host.HostResource;

/** The rep of {@code incoming-response}: what an outgoing request got back. */
public final class IncomingResponse extends HostResource {
  private final int status;
  private final List<Fields.Entry> headers;
  private IncomingBody body;

  /** A response with its streaming body. */
  public IncomingResponse(int status, List<Fields.Entry> headers, BodySource body) {
    this.status = status;
    this.headers = List.copyOf(headers);
    this.body = new IncomingBody(body);
  }

  public int status() {
    return status;
  }

  public List<Fields.Entry> headers() {
    return headers;
  }

  /** The body, once; null afterwards. */
  public synchronized IncomingBody consume() {
    IncomingBody b = body;
    body = null;
    return b;
  }

  @Override
  protected void onClose() {
    IncomingBody b;
    synchronized (this) {
      b = body;
      body = null;
    }
    if (b != null) {
      b.source().discard();
    }
  }
}
