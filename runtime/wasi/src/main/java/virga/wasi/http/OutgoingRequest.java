package virga.wasi.http;

import java.util.List;
import virga.wasi.host.HostResource;

/**
 * The rep of {@code outgoing-request}: method (GET unless set), scheme, authority and
 * path-with-query (each optional), headers made immutable by the constructor, at most one body.
 */
public final class OutgoingRequest extends HostResource {
  final List<Fields.Entry> headers;
  String method = "GET";
  String scheme;
  String authority;
  String pathWithQuery;
  private OutgoingBody body;

  /** A request with {@code headers}. */
  public OutgoingRequest(List<Fields.Entry> headers) {
    this.headers = List.copyOf(headers);
  }

  public List<Fields.Entry> headers() {
    return headers;
  }

  public synchronized String method() {
    return method;
  }

  public synchronized String scheme() {
    return scheme;
  }

  public synchronized String authority() {
    return authority;
  }

  public synchronized String pathWithQuery() {
    return pathWithQuery;
  }

  /** The body created by {@code body()}, or null. */
  public synchronized OutgoingBody body() {
    return body;
  }

  /** Creates the body; null when it exists already or the content-length header is invalid. */
  public synchronized OutgoingBody newBody(long capacity, long writeBudget) {
    if (body != null) {
      return null;
    }
    Long len;
    try {
      len = OutgoingResponse.contentLength(headers);
    } catch (NumberFormatException e) {
      return null;
    }
    body = new OutgoingBody(new BodyPipe(capacity), len, false, writeBudget);
    return body;
  }
}
