package virga.wasi.http;

/**
 * Answers one incoming HTTP request: a component's {@code wasi:http/incoming-handler} ({@link
 * IncomingHandlerRunner}) or a router in front of several. May throw {@link HttpRejection} before
 * it sets a response to answer with a plain status instead (no route: 404).
 */
@FunctionalInterface
public interface IncomingHandler {
  /** Handles {@code request}, answering through {@code outparam}; returns when done. */
  void handle(IncomingRequest request, ResponseOutparam outparam);
}
