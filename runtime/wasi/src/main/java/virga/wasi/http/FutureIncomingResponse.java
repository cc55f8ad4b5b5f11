package virga.wasi.http;

import java.util.concurrent.CompletableFuture;
import virga.wasi.host.HostResource;
import virga.wasi.io.Readiness;
import virga.wasi.io.Signal;

/**
 * The rep of {@code future-incoming-response}: completes with the response or an error code; {@code
 * get} hands the outcome out once. Dropping it cancels the request.
 */
public final class FutureIncomingResponse extends HostResource {
  private final CompletableFuture<IncomingResponse> future;
  private final Signal signal = new Signal();
  private final Runnable cancel;
  private boolean consumed;

  /** A future over {@code future}; {@code cancel} runs when the guest drops it unconsumed. */
  public FutureIncomingResponse(CompletableFuture<IncomingResponse> future, Runnable cancel) {
    this.future = future;
    this.cancel = cancel;
    future.whenComplete((r, e) -> signal.fire());
  }

  /** An already failed future. */
  public static FutureIncomingResponse failed(ErrorCode code) {
    return new FutureIncomingResponse(CompletableFuture.failedFuture(code.exception()), () -> {});
  }

  /** Ready once complete. */
  public Readiness readiness() {
    return new Readiness() {
      @Override
      public boolean isReady() {
        return future.isDone();
      }

      @Override
      public Signal.Registration onChange(Runnable waker) {
        return signal.register(waker);
      }
    };
  }

  /** The outcome of {@code get}: null while pending. */
  public sealed interface Outcome {}

  /** Taken already. */
  public record Consumed() implements Outcome {}

  /** The response. */
  public record Ok(IncomingResponse response) implements Outcome {}

  /** The failure. */
  public record Failed(ErrorCode code) implements Outcome {}

  /** {@code get}: null while pending. */
  public synchronized Outcome get() {
    if (consumed) {
      return new Consumed();
    }
    if (!future.isDone()) {
      return null;
    }
    consumed = true;
    try {
      return new Ok(future.join());
    } catch (RuntimeException e) {
      HttpErrorException h = HttpErrorException.find(e);
      return new Failed(h != null ? h.code() : ErrorCode.internal(String.valueOf(e.getCause())));
    }
  }

  @Override
  protected void onClose() {
    boolean wasConsumed;
    synchronized (this) {
      wasConsumed = consumed;
    }
    if (wasConsumed) {
      return;
    }
    if (!future.isDone()) {
      cancel.run();
    } else if (!future.isCompletedExceptionally()) {
      future.join().close(); // a response never taken: discard its body
    }
  }
}
