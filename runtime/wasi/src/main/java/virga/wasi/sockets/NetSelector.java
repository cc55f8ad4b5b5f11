package virga.wasi.sockets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One daemon selector thread for every socket in the JVM: a socket that has a waiter arms the
 * interest it waits for ({@link #arm}); when the OS reports it, the interest is dropped (one-shot)
 * and the socket's {@link Runnable} runs, which fires the socket's {@link virga.wasi.io.Signal}.
 * The waiter re-checks and, still not ready, arms again. No data moves on this thread.
 */
final class NetSelector {
  static final NetSelector INSTANCE = new NetSelector();

  private final Selector selector;
  private final ConcurrentLinkedQueue<Arm> pending = new ConcurrentLinkedQueue<>();

  private record Arm(SelectableChannel channel, int ops, Runnable onReady) {}

  private NetSelector() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread t = new Thread(this::loop, "virga-wasi-sockets-selector");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Runs {@code onReady} once when {@code channel} (non-blocking) is ready for any of {@code ops}
   * (or has failed or been closed).
   */
  void arm(SelectableChannel channel, int ops, Runnable onReady) {
    pending.add(new Arm(channel, ops, onReady));
    selector.wakeup();
  }

  /** Makes the selector flush cancelled keys now (closing their channels' sockets). */
  void wakeup() {
    selector.wakeup();
  }

  private void loop() {
    while (true) {
      try {
        selector.select(1000);
        Arm a;
        while ((a = pending.poll()) != null) {
          register(a);
        }
        for (SelectionKey k : selector.selectedKeys()) {
          fire(k);
        }
        selector.selectedKeys().clear();
      } catch (IOException | RuntimeException e) {
        // keep serving the other sockets; a broken key fired its waker already
      }
    }
  }

  private void register(Arm a) {
    if (!a.channel().isOpen()) {
      a.onReady().run();
      return;
    }
    int ops = a.ops() & a.channel().validOps();
    try {
      SelectionKey k = a.channel().keyFor(selector);
      if (k == null || !k.isValid()) {
        if (k != null) {
          // a cancelled key stays registered until the next select; flush it, then re-register
          selector.selectNow();
          for (SelectionKey s : selector.selectedKeys()) {
            fire(s);
          }
          selector.selectedKeys().clear();
        }
        k = a.channel().register(selector, ops, new Wakers());
      } else {
        k.interestOps(k.interestOps() | ops);
      }
      ((Wakers) k.attachment()).add(ops, a.onReady());
    } catch (ClosedChannelException | CancelledKeyException e) {
      a.onReady().run();
    } catch (IOException | RuntimeException e) {
      a.onReady().run();
    }
  }

  private void fire(SelectionKey k) {
    Wakers w = (Wakers) k.attachment();
    int ready;
    try {
      ready = k.readyOps();
      k.interestOps(k.interestOps() & ~ready);
    } catch (CancelledKeyException e) {
      ready = -1;
    }
    w.fire(ready);
  }

  /** The wakers of one key, by interest. */
  private static final class Wakers {
    private final java.util.List<Runnable> runs = new java.util.ArrayList<>();
    private final java.util.List<Integer> opsOf = new java.util.ArrayList<>();

    void add(int ops, Runnable r) {
      runs.add(r);
      opsOf.add(ops);
    }

    void fire(int ready) {
      for (int i = runs.size() - 1; i >= 0; i--) {
        if (ready == -1 || (opsOf.get(i) & ready) != 0 || opsOf.get(i) == 0) {
          Runnable r = runs.remove(i);
          opsOf.remove(i);
          r.run();
        }
      }
    }
  }
}
