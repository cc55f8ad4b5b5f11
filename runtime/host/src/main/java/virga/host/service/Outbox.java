package virga.host.service;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes recorded under a lock and handed to a listener outside it, in the order they were
 * recorded, by one thread at a time: a listener never hears an older change after a newer one, and
 * never runs while the recorder holds its lock.
 *
 * @param <T> what a change is
 */
public final class Outbox<T> {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final Queue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean delivering = new AtomicBoolean();
  private final Consumer<? super T> listener;
  private final String what;

  /**
   * @param what names the changes in the warning logged when the listener throws
   */
  public Outbox(String what, Consumer<? super T> listener) {
    this.what = what;
    this.listener = listener;
  }

  /** Queues a change; call while holding the lock that ordered it. */
  public void add(T change) {
    queue.add(change);
  }

  /**
   * Hands every queued change to the listener; call after releasing the lock. Returns at once when
   * another thread is delivering: that thread delivers this caller's changes too.
   */
  public void deliver() {
    while (!queue.isEmpty() && delivering.compareAndSet(false, true)) {
      try {
        T change;
        while ((change = queue.poll()) != null) {
          try {
            listener.accept(change);
          } catch (RuntimeException e) {
            LOG.warn("a listener failed on {} {}", what, change, e);
          }
        }
      } finally {
        delivering.set(false);
      }
    }
  }
}
