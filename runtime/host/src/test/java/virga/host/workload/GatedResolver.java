package virga.host.workload;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import virga.host.artifact.ArtifactRequest;
import virga.host.artifact.ArtifactResolver;

/**
 * Resolves {@code gated/NAME} as {@code NAME}, but only once {@link #open()} was called: a start
 * that needs it stays in its resolve step until then ({@link #entered} counts down on arrival).
 */
final class GatedResolver implements ArtifactResolver {
  private final ArtifactResolver delegate;
  private final CountDownLatch gate = new CountDownLatch(1);
  final CountDownLatch entered = new CountDownLatch(1);

  GatedResolver(ArtifactResolver delegate) {
    this.delegate = delegate;
  }

  void open() {
    gate.countDown();
  }

  @Override
  public byte[] resolve(ArtifactRequest request) {
    String image = request.image();
    if (image.startsWith("gated/")) {
      entered.countDown();
      try {
        if (!gate.await(30, TimeUnit.SECONDS)) {
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
