package virga.wasi;

import virga.component.TrapException;

/**
 * Thrown out of the guest's call when it calls {@code wasi:cli/exit}: unwinds the guest like a trap
 * and carries the exit code to the embedder ({@code exit(ok)} is 0, {@code exit(err)} 1, {@code
 * exit-with-code(n)} n).
 */
public final class WasiExit extends TrapException {
  private static final long serialVersionUID = 1L;

  private final int code;

  /** An exit with {@code code}. */
  public WasiExit(int code) {
    super("wasi:cli/exit with code " + code);
    this.code = code;
  }

  /** The exit code. */
  public int code() {
    return code;
  }

  /** The {@link WasiExit} in {@code t}'s cause chain, or null (engines may wrap it). */
  public static WasiExit find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof WasiExit e) {
        return e;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
