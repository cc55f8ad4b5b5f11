package virga.component;

import java.util.List;

/**
 * The guest trapped (unreachable, out-of-bounds access, a canonical-ABI violation, stack
 * exhaustion, a deadline, a memory limit). The instance that trapped is poisoned and is never
 * entered again.
 */
public class TrapException extends ComponentException {
  private static final long serialVersionUID = 1L;
  private final List<String> wasmBacktrace;

  public TrapException(String message) {
    this(message, List.of(), null);
  }

  public TrapException(String message, Throwable cause) {
    this(message, List.of(), cause);
  }

  public TrapException(String message, List<String> wasmBacktrace, Throwable cause) {
    super(
        wasmBacktrace.isEmpty()
            ? message
            : message + "\nwasm backtrace:\n  " + String.join("\n  ", wasmBacktrace),
        cause);
    this.wasmBacktrace = List.copyOf(wasmBacktrace);
  }

  /** The wasm function names of the trap's backtrace, innermost first; empty when unknown. */
  public List<String> wasmBacktrace() {
    return wasmBacktrace;
  }
}
