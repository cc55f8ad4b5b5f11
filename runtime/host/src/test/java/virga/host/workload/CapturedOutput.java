package virga.host.workload;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Guest output kept per workload and item (stdout and stderr together), for assertions. */
final class CapturedOutput implements GuestOutput {
  private final Map<String, ByteArrayOutputStream> streams = new ConcurrentHashMap<>();

  private OutputStream of(String workload, String item) {
    return streams.computeIfAbsent(workload + "/" + item, k -> new ByteArrayOutputStream());
  }

  @Override
  public OutputStream stdout(String workloadName, String itemName) {
    return of(workloadName, itemName);
  }

  @Override
  public OutputStream stderr(String workloadName, String itemName) {
    return of(workloadName, itemName);
  }

  /** What item {@code item} of workload {@code workload} printed so far. */
  String text(String workload, String item) {
    ByteArrayOutputStream s = streams.get(workload + "/" + item);
    if (s == null) {
      return "";
    }
    synchronized (s) {
      return s.toString(StandardCharsets.UTF_8);
    }
  }

  /** Waits up to {@code millis} until the output contains {@code text}. */
  boolean await(String workload, String item, String text, long millis)
      throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      if (text(workload, item).contains(text)) {
        return true;
      }
      Thread.sleep(10);
    }
    return text(workload, item).contains(text);
  }
}
