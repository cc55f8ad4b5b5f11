package virga.host.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import virga.host.artifact.ArtifactRequest;
import virga.host.artifact.ArtifactResolver;

/**
 * Resolves {@code gated/NAME} as {@code NAME}, but only once {@link #open()} was called: a start
 * that needs it stays in its resolve step until then ({@link #entered} counts down on arrival).
 */
public final class GatedResolver implements ArtifactResolver {
  private final ArtifactResolver delegate;
  private final Duration wait;
  private final CountDownLatch gate = new CountDownLatch(1);

  /** Counts down when a gated image arrives. */
  public final CountDownLatch entered = new CountDownLatch(1);

  /** Gates {@code delegate}; a gated resolve fails when not opened within {@code wait}. */
  public GatedResolver(ArtifactResolver delegate, Duration wait) {
    this.delegate = delegate;
    this.wait = wait;
  }

  /** Lets every waiting and later gated resolve through. */
  public void open() {
    gate.countDown();
  }

  @Override
  public byte[] resolve(ArtifactRequest request) {
    String image = request.image();
    if (image.startsWith("gated/")) {
      entered.countDown();
      try {
        if (!gate.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("the gate was never opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      image = image.substring("gated/".length());
    }
    return delegate.resolve(new ArtifactRequest(image, request.pullPolicy(), request.pullSecret()));
  }
}
