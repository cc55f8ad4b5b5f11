package virga.host.workload;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a workload holds, released in the reverse order it was acquired: each step of a start pushes
 * how to undo it, so a failed start and a stop release exactly what was taken. Every release runs
 * even when an earlier one fails; failures are logged, never thrown.
 */
final class Cleanup implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cleanup.class);

  /** One release. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  private record Step(String what, Action action) {}

  private final String workload;
  private final Deque<Step> steps = new ArrayDeque<>();

  Cleanup(String workload) {
    this.workload = workload;
  }

  /** Registers {@code action}, described by {@code what} in logs. */
  synchronized void push(String what, Action action) {
    steps.push(new Step(what, action));
  }

  /** Runs every release, most recent first; idempotent. */
  @Override
  public void close() {
    while (true) {
      Step s;
      synchronized (this) {
        s = steps.poll();
      }
      if (s == null) {
        return;
      }
      try {
        s.action().run();
      } catch (Exception | LinkageError e) {
        LOG.warn("workload {}: releasing {} failed", workload, s.what(), e);
      } catch (Error e) {
        LOG.error("workload {}: releasing {} failed", workload, s.what(), e);
      }
    }
  }
}
