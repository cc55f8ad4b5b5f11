package virga.bench.plugins;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import virga.wasi.http.BodySource;
import virga.wasi.http.ErrorCode;
import virga.wasi.http.IncomingHandler;
import virga.wasi.http.IncomingRequest;
import virga.wasi.http.OutgoingBody;
import virga.wasi.http.OutgoingResponse;
import virga.wasi.http.ResponseOutparam;

/**
 * One GET handed straight to a workload's {@code wasi:http/incoming-handler} in this process (what
 * the host's HTTP server does after parsing a request), without sockets or HTTP parsing, so that a
 * timed call is the guest, the host's WIT glue and the plugin only.
 */
final class GuestCall {
  /** Status and body of the guest's answer. */
  record Answer(int status, String body) {}

  private final IncomingHandler handler;
  private final String authority;

  GuestCall(IncomingHandler handler, String authority) {
    this.handler = handler;
    this.authority = authority;
  }

  /** {@code GET path}; returns when the guest's {@code handle} has returned. */
  Answer get(String path) {
    IncomingRequest request =
        new IncomingRequest("GET", "http", authority, path, List.of(), BodySource.of(new byte[0]));
    Receiver receiver = new Receiver();
    handler.handle(request, new ResponseOutparam(receiver));
    return receiver.answer(path);
  }

  /** Keeps what the guest set; the body is complete once a synchronous guest's handle returned. */
  private static final class Receiver implements ResponseOutparam.Receiver {
    private OutgoingResponse response;
    private ErrorCode error;

    @Override
    public void response(OutgoingResponse r) {
      response = r;
    }

    @Override
    public void error(ErrorCode code) {
      error = code;
    }

    Answer answer(String path) {
      if (response == null) {
        throw new IllegalStateException(
            "GET " + path + ": the guest set " + (error == null ? "no response" : error));
      }
      OutgoingBody body = response.body();
      if (body == null) {
        return new Answer(response.status(), "");
      }
      if (!body.pipe().isFinished()) {
        // the benchmark's guests finish their small bodies before handle returns
        throw new IllegalStateException("GET " + path + ": the body was not finished");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] chunk : body.pipe().take()) {
        out.writeBytes(chunk);
      }
      return new Answer(response.status(), out.toString(StandardCharsets.UTF_8));
    }
  }
}
