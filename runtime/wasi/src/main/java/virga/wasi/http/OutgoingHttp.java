package virga.wasi.http;

import virga.wasi.WasiContext;

/**
 * Sends a guest's outgoing request: what {@code wasi:http/outgoing-handler.handle} calls. The
 * default is {@link JdkOutgoingHttp} (the JDK HttpClient behind the context's {@link
 * virga.wasi.NetworkPolicy}).
 */
public interface OutgoingHttp {
  /**
   * Starts sending {@code request} (its body may still be written by the guest); the returned
   * future completes with the response head and a streaming body.
   *
   * @throws HttpErrorException for a request refused before anything is sent
   */
  FutureIncomingResponse send(OutgoingRequest request, RequestOptions options, WasiContext ctx);
}
