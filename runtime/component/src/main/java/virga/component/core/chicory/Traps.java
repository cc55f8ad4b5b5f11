package virga.component.core.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import java.time.Duration;
import virga.component.ComponentException;
import virga.component.TrapException;
import virga.component.core.GuestInterrupts;

/** Turns whatever escaped a guest call into a {@link TrapException}. */
final class Traps {
  private Traps() {}

  /**
   * The trap for {@code t}; {@code deadline} is the call's deadline and {@code fired} whether it
   * expired during the call. Non-memory JVM errors other than stack overflow are rethrown.
   */
  static ComponentException toTrap(Throwable t, Duration deadline, boolean fired) {
    if (fired) {
      return new TrapException(
          "deadline exceeded after " + deadline.toMillis() + " ms", FunctionNames.backtrace(t), t);
    }
    if (t instanceof ComponentException) {
      // Already mapped by an inner call (or thrown by a host function on purpose): keep it.
      return (ComponentException) t;
    }
    if (isStackOverflow(t)) {
      return new TrapException(
          "call stack exhausted (wasm recursion too deep)", FunctionNames.backtrace(t), t);
    }
    if (t instanceof ChicoryInterruptedException
        || t instanceof GuestInterrupts.GuestInterruptedException) {
      // Not our deadline: someone interrupted the thread; the flag stays set for them.
      return new TrapException("guest interrupted", FunctionNames.backtrace(t), t);
    }
    if (t instanceof OutOfMemoryError) {
      return new TrapException(
          "out of memory while running the guest", FunctionNames.backtrace(t), t);
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    String msg = t.getMessage() == null ? t.toString() : t.getMessage();
    if (!(t instanceof ChicoryException)) {
      msg = t.getClass().getName() + ": " + msg; // a host function or engine bug: say what
    }
    return new TrapException("wasm trap: " + msg, FunctionNames.backtrace(t), t);
  }

  private static boolean isStackOverflow(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StackOverflowError) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }
}
