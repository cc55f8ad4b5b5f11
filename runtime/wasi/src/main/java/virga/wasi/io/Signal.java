package virga.wasi.io;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The waker list an event source embeds to implement {@link Readiness#onChange}: the source calls
 * {@link #fire()} after every state change a waiter could care about (data arrived, closed, room
 * freed).
 */
public final class Signal {
  private final CopyOnWriteArrayList<Runnable> wakers = new CopyOnWriteArrayList<>();

  /** A registered waker; closing it stops further calls. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    /** A registration with nothing to undo. */
    Registration NONE = () -> {};

    @Override
    void close();
  }

  /** Registers {@code waker} until the registration is closed. */
  public Registration register(Runnable waker) {
    wakers.add(waker);
    return () -> wakers.remove(waker);
  }

  /** Runs every registered waker. */
  public void fire() {
    for (Runnable w : wakers) {
      w.run();
    }
  }
}
