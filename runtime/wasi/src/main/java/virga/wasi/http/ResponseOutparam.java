package virga.wasi.http;

import virga.wasi.host.HostResource;

/**
 * The rep of {@code response-outparam}: where {@code set} delivers the guest's response (or error
 * code) to the server. Set at most once.
 */
public final class ResponseOutparam extends HostResource {
  /** Receives the guest's answer, on the guest's thread. */
  public interface Receiver {
    /** The guest set a response; its body, if any, streams through {@code response.body()}. */
    void response(OutgoingResponse response);

    /** The guest set an error code. */
    void error(ErrorCode code);
  }

  private final Receiver receiver;
  private boolean set;

  /** An outparam delivering to {@code receiver}. */
  public ResponseOutparam(Receiver receiver) {
    this.receiver = receiver;
  }

  /** Whether {@code set} was called. */
  public synchronized boolean isSet() {
    return set;
  }

  void respond(OutgoingResponse response) {
    synchronized (this) {
      set = true;
    }
    receiver.response(response);
  }

  void fail(ErrorCode code) {
    synchronized (this) {
      set = true;
    }
    receiver.error(code);
  }
}
