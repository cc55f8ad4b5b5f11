package virga.component.core.chicory;

import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.time.Duration;
import virga.component.TrapException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;

/**
 * A function exported by a Chicory instance. {@link #call} enters the guest under the instance's
 * deadline and turns every failure into a {@link TrapException} (with the wasm backtrace) after
 * poisoning the instance; a poisoned instance refuses further calls.
 *
 * <p>When imported by another Chicory instance the function is linked to the callee's machine
 * directly, so guest-to-guest calls pay neither the deadline nor the trap mapping.
 */
public final class ChicoryFunction implements CoreFunction {
  private static final long[] NO_RESULTS = new long[0];

  private final ChicoryInstance owner;
  private final Machine machine;
  private final int index;
  private final CoreFuncType type;
  private final FunctionType chicoryType;
  private final int paramCount;
  private final Duration deadline;
  private final long deadlineNanos;

  ChicoryFunction(ChicoryInstance owner, int index, FunctionType chicoryType) {
    this.owner = owner;
    this.machine = owner.raw().getMachine();
    this.index = index;
    this.chicoryType = chicoryType;
    this.type = ChicoryTypes.funcType(chicoryType);
    this.paramCount = chicoryType.params().size();
    this.deadline = owner.limits().deadline();
    this.deadlineNanos = deadline == null ? 0 : deadline.toNanos();
  }

  @Override
  public CoreFuncType type() {
    return type;
  }

  FunctionType chicoryType() {
    return chicoryType;
  }

  /** Calls the function's machine without any checks; for guest-to-guest links. */
  long[] callRaw(long[] args) {
    return machine.call(index, args);
  }

  /**
   * Calls into the guest.
   *
   * @throws IllegalArgumentException if the number of arguments does not match the signature
   * @throws TrapException if the guest traps, exceeds its deadline, exhausts the stack, or the
   *     instance has trapped before
   */
  @Override
  public long[] call(long... args) {
    if (args.length != paramCount) {
      throw new IllegalArgumentException(
          "expected " + paramCount + " arguments for " + type + ", got " + args.length);
    }
    if (owner.trapped()) {
      throw new TrapException("the core instance trapped earlier and cannot be entered again");
    }
    if (deadline == null) {
      try {
        long[] r = machine.call(index, args);
        return r == null ? NO_RESULTS : r;
      } catch (Throwable t) {
        owner.poison();
        throw Traps.toTrap(t, null, false);
      }
    }
    long token = DeadlineWatchdog.SHARED.enter(deadlineNanos);
    long[] r;
    try {
      r = machine.call(index, args);
    } catch (Throwable t) {
      boolean fired = DeadlineWatchdog.SHARED.exit(token);
      owner.poison();
      throw Traps.toTrap(t, deadline, fired);
    }
    // A deadline firing after the guest returned is ignored: the call completed in time enough.
    DeadlineWatchdog.SHARED.exit(token);
    return r == null ? NO_RESULTS : r;
  }
}
