package virga.host.workload;

import java.util.function.BooleanSupplier;

/** Polls a condition with a bound. */
final class Await {
  private Await() {}

  static boolean until(BooleanSupplier condition, long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }
}
