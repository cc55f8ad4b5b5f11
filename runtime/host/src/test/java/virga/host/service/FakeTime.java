package virga.host.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock that moves only when told, and a scheduler whose tasks run as the clock passes them. */
final class FakeTime extends Clock implements Scheduler {
  private record Task(Instant due, long seq, Runnable run) {}

  private Instant now = Instant.parse("2025-01-01T00:00:00Z");
  private final List<Task> tasks = new ArrayList<>();
  private long seq;
  private Instant end; // while advancing: where the clock stops

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable run) {
    Task t = new Task(now.plus(delay), seq++, run);
    tasks.add(t);
    return () -> {
      synchronized (this) {
        tasks.remove(t);
      }
    };
  }

  /**
   * Moves the clock by {@code d}, running every task that falls due on the way, in order; time that
   * a task spends ({@link #tick}) comes on top.
   */
  void advance(Duration d) {
    synchronized (this) {
      end = now.plus(d);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(t -> !t.due().isAfter(end))
                .min(Comparator.comparing(Task::due).thenComparingLong(Task::seq))
                .orElse(null);
        if (next == null) {
          now = end;
          end = null;
          return;
        }
        tasks.remove(next);
        now = next.due();
      }
      next.run().run();
    }
  }

  /** Moves the clock only: time passing inside a running incarnation. */
  synchronized void tick(Duration d) {
    now = now.plus(d);
    if (end != null) {
      end = end.plus(d);
    }
  }

  synchronized int pendingTasks() {
    return tasks.size();
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
