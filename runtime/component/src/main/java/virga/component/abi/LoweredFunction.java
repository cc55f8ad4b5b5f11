package virga.component.abi;

import java.util.Objects;
import virga.component.TrapException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.types.FuncType;
import virga.component.values.Value;
import virga.component.values.ValueTypeException;

/**
 * A {@link HostFunction} made importable by a guest ({@code canon lower}): a core function that
 * lifts the guest's core arguments into {@link Value}s (reading them from memory when there are
 * more than 16 flat parameters), calls the host, and lowers the result into a core result or into
 * the return pointer the guest passes as its last argument.
 *
 * <p>Borrowed handles the guest passes are lent for the duration of the host call only.
 */
public final class LoweredFunction implements CoreFunction {
  private final Signature sig;
  private final CanonOptions opts;
  private final HostFunction impl;
  private final ComponentInstanceState caller;
  private final CoreFuncType coreType;

  /**
   * Lowers {@code impl} for import by {@code caller}.
   *
   * @throws virga.component.LinkException when the options lack a memory or realloc the type needs
   */
  public LoweredFunction(
      FuncType type, CanonOptions opts, HostFunction impl, ComponentInstanceState caller) {
    this.sig = Signature.of(Objects.requireNonNull(type, "type"));
    this.opts = Objects.requireNonNull(opts, "opts");
    this.impl = Objects.requireNonNull(impl, "impl");
    this.caller = Objects.requireNonNull(caller, "caller");
    this.coreType = Flattening.flattenFunc(type, Flattening.Context.LOWER);
    sig.checkOptions(opts, false, true, "canon lower");
  }

  @Override
  public CoreFuncType type() {
    return coreType;
  }

  /** The component function type. */
  public FuncType funcType() {
    return sig.type;
  }

  @Override
  public long[] call(long... args) {
    caller.checkLeave();
    if (args.length != coreType.params().size()) {
      throw new TrapException(
          "canonical ABI: lowered function called with "
              + args.length
              + " core arguments, expected "
              + coreType.params().size());
    }
    CallScope scope = new CallScope();
    AbiContext cx = new AbiContext(opts, caller, scope);
    try {
      Value result = impl.apply(new ArgList(liftArgs(cx, args)));
      caller.mayLeave = false;
      try {
        return lowerResult(cx, result, args);
      } finally {
        caller.mayLeave = true;
      }
    } finally {
      scope.releaseLenders();
    }
  }

  private Value[] liftArgs(AbiContext cx, long[] args) {
    if (sig.spillParams) {
      RecordPlan tuple = sig.paramTuple;
      int ptr = (int) args[0];
      cx.checkRange(ptr, tuple.size, tuple.align, "parameter area");
      return tuple.loadFields(cx, ptr);
    }
    TypePlan[] params = sig.params;
    Value[] vals = new Value[params.length];
    FlatCursor in = new FlatCursor(args);
    for (int i = 0; i < params.length; i++) {
      vals[i] = params[i].liftFlat(cx, in);
    }
    return vals;
  }

  private static final long[] NO_RESULTS = new long[0];

  private long[] lowerResult(AbiContext cx, Value result, long[] args) {
    TypePlan r = sig.result;
    if (r == null) {
      if (result != null) {
        throw new ValueTypeException("host function has no result but returned " + result);
      }
      return NO_RESULTS;
    }
    if (result == null) {
      throw new ValueTypeException("host function returned null; its type needs a result");
    }
    if (sig.spillResult) {
      int ptr = (int) args[args.length - 1];
      cx.checkRange(ptr, r.size, r.align, "return pointer");
      r.store(cx, result, ptr);
      return NO_RESULTS;
    }
    FlatCursor out = new FlatCursor(new long[r.flatCount]);
    r.lowerFlat(cx, result, out);
    return out.vals;
  }
}
