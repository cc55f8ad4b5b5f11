package virga.wasi.http;

import java.util.List;
import virga.wasi.host.HostResource;

/**
 * The rep of {@code incoming-request}: what the server received, with its body (taken once by
 * {@code consume}). Dropping the request without consuming the body discards the body.
 */
public final class IncomingRequest extends HostResource {
  private final String method;
  private final String scheme;
  private final String authority;
  private final String pathWithQuery;
  private final List<Fields.Entry> headers;
  private IncomingBody body;

  /**
   * A request; {@code method} upper-case as sent, {@code scheme} {@code http}/{@code https} or
   * other, {@code headers} already stripped of the forbidden hop-by-hop fields.
   */
  public IncomingRequest(
      String method,
      String scheme,
      String authority,
      String pathWithQuery,
      List<Fields.Entry> headers,
      BodySource body) {
    this.method = method;
    this.scheme = scheme;
    this.authority = authority;
    this.pathWithQuery = pathWithQuery;
    this.headers = List.copyOf(headers);
    this.body = new IncomingBody(body);
  }

  public String method() {
    return method;
  }

  public String scheme() {
    return scheme;
  }

  public String authority() {
    return authority;
  }

  public String pathWithQuery() {
    return pathWithQuery;
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
