package virga.wasi.http;

import java.util.List;
import virga.wasi.host.HostResource;

/**
 * The rep of {@code outgoing-response}: a status (200 unless set), headers made immutable by the
 * constructor, and at most one body.
 */
public final class OutgoingResponse extends HostResource {
  private final List<Fields.Entry> headers;
  private int status = 200;
  private OutgoingBody body;

  /** A response with {@code headers}. */
  public OutgoingResponse(List<Fields.Entry> headers) {
    this.headers = List.copyOf(headers);
  }

  public synchronized int status() {
    return status;
  }

  /** Sets the status; false unless 100..999 (what {@code http::StatusCode} accepts). */
  public synchronized boolean setStatus(int code) {
    if (code < 100 || code > 999) {
      return false;
    }
    status = code;
    return true;
  }

  public List<Fields.Entry> headers() {
    return headers;
  }

  /** The body created by {@code body()}, or null when the guest never asked for one. */
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
      len = contentLength(headers);
    } catch (NumberFormatException e) {
      return null;
    }
    body = new OutgoingBody(new BodyPipe(capacity), len, true, writeBudget);
    return body;
  }

  /** The single content-length value of {@code headers}, or null; throws when invalid. */
  static Long contentLength(List<Fields.Entry> headers) {
    Long len = null;
    for (Fields.Entry e : headers) {
      if (e.name().equals("content-length")) {
        long v = Long.parseLong(e.valueString().trim());
        if (v < 0 || (len != null && len != v)) {
          throw new NumberFormatException("content-length");
        }
        len = v;
      }
    }
    return len;
  }
}
