package virga.e2e.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Polls a condition until it holds, failing after a timeout with the caller's diagnostics. */
public final class Await {
  private Await() {}

  /**
   * Waits until {@code condition} is true, polling every 100 ms; an exception counts as "not yet".
   * Returns how long it took.
   */
  public static Duration until(
      String what, Duration timeout, Callable<Boolean> condition, Supplier<String> diagnostics)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (condition.call()) {
          return Duration.ofNanos(System.nanoTime() - start);
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        last = e; // not there yet (a host restarting, an object not created yet)
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(100);
    }
    AssertionError e =
        new AssertionError(
            "timed out after " + timeout + " waiting for " + what + "\n" + diagnostics.get());
    if (last != null) {
      e.addSuppressed(last);
    }
    throw e;
  }
}
