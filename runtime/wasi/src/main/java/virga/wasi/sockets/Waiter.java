package virga.wasi.sockets;

import java.nio.channels.SelectableChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import virga.wasi.io.Signal;

/**
 * The socket side of a pollable: a {@link Signal} fired from the selector thread when an armed
 * interest becomes ready. Arming is idempotent per interest until it fires, so a guest spinning on
 * {@code ready()} does not pile up registrations.
 */
final class Waiter {
  final Signal signal = new Signal();
  private final AtomicBoolean[] armed = {
    new AtomicBoolean(), new AtomicBoolean(), new AtomicBoolean(), new AtomicBoolean()
  };

  /** Arms interest {@code ops} (one {@link java.nio.channels.SelectionKey} OP_*) on {@code ch}. */
  void arm(SelectableChannel ch, int ops) {
    if (ch == null) {
      signal.fire();
      return;
    }
    AtomicBoolean flag = armed[Integer.numberOfTrailingZeros(ops) % armed.length];
    if (flag.compareAndSet(false, true)) {
      NetSelector.INSTANCE.arm(
          ch,
          ops,
          () -> {
            flag.set(false);
            signal.fire();
          });
    }
  }
}
