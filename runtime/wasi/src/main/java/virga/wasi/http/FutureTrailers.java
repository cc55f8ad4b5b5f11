package virga.wasi.http;

import java.util.List;
import virga.wasi.host.HostResource;
import virga.wasi.io.Readiness;

/** The rep of {@code future-trailers}: ready once the body has ended; {@code get} succeeds once. */
public final class FutureTrailers extends HostResource {
  private final BodySource source;
  private boolean consumed;

  FutureTrailers(BodySource source) {
    this.source = source;
  }

  /** Ready when the body is complete. */
  public Readiness readiness() {
    return source.completion();
  }

  /** The outcome of {@code get}. */
  public sealed interface Outcome {}

  /** Not complete yet. */
  public record Pending() implements Outcome {}

  /** Already taken by an earlier get. */
  public record Consumed() implements Outcome {}

  /** The trailers (null for none). */
  public record Done(List<Fields.Entry> trailers) implements Outcome {}

  /** The body failed. */
  public record Failed(ErrorCode code) implements Outcome {}

  /** {@code get}. */
  public synchronized Outcome get() {
    if (consumed) {
      return new Consumed();
    }
    if (!source.isComplete()) {
      return new Pending();
    }
    consumed = true;
    ErrorCode e = source.error();
    return e != null ? new Failed(e) : new Done(source.trailers());
  }
}
