package virga.bench.host;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import virga.host.workload.GuestOutput;

/**
 * The cron-service's output as the host receives it, timestamped: "Starting cron-service" opens an
 * incarnation, "crashing on purpose" comes right before its trap. Everything else is discarded.
 */
final class ServiceClock implements GuestOutput {
  private final List<Long> starts = new ArrayList<>();
  private final List<Long> crashes = new ArrayList<>();

  @Override
  public OutputStream stdout(String workloadName, String itemName) {
    return itemName.equals("service")
        ? new LineStream(this::line)
        : OutputStream.nullOutputStream();
  }

  @Override
  public OutputStream stderr(String workloadName, String itemName) {
    return OutputStream.nullOutputStream();
  }

  private synchronized void line(String line, long nanos) {
    if (line.startsWith("Starting cron-service")) {
      starts.add(nanos);
    } else if (line.contains("crashing on purpose")) {
      crashes.add(nanos);
    }
    notifyAll();
  }

  /** Waits until {@code count} crashes were seen; false on timeout. */
  synchronized boolean awaitCrashes(int count, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (crashes.size() < count) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  synchronized List<Long> starts() {
    return List.copyOf(starts);
  }

  synchronized List<Long> crashes() {
    return List.copyOf(crashes);
  }
}
