package virga.component.abi;

import java.util.List;
import java.util.Objects;
import virga.component.ComponentException;
import virga.component.LinkException;
import virga.component.TrapException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.types.FuncType;
import virga.component.values.Value;

/**
 * A guest export made callable with {@link Value}s ({@code canon lift}): enters the instance,
 * lowers the arguments into guest memory (realloc'ing there; more than 16 flat parameters go
 * through memory behind one pointer), calls the core function, lifts the result (reading the
 * guest's return area when it flattens to more than one value), runs post-return, and checks the
 * guest dropped every borrow it was lent.
 *
 * <p>Any failure during a call poisons the instance: guest memory and handles may be half-updated.
 */
public final class LiftedFunction {
  private final Signature sig;
  private final CanonOptions opts;
  private final CoreFunction core;
  private final CoreFunction postReturn;
  private final ComponentInstanceState callee;

  /**
   * Lifts {@code core}, an export of a core instance of {@code callee}.
   *
   * @throws LinkException when the options lack a memory or realloc the type needs, or the core
   *     signature is not the flattening of {@code type}
   */
  public LiftedFunction(
      FuncType type, CanonOptions opts, CoreFunction core, ComponentInstanceState callee) {
    this.sig = Signature.of(Objects.requireNonNull(type, "type"));
    this.opts = Objects.requireNonNull(opts, "opts");
    this.core = Objects.requireNonNull(core, "core");
    this.postReturn = opts.postReturn();
    this.callee = Objects.requireNonNull(callee, "callee");
    sig.checkOptions(opts, true, false, "canon lift");
    CoreFuncType expected = Flattening.flattenFunc(type, Flattening.Context.LIFT);
    CoreFuncType actual = core.type();
    if (actual != null && !actual.equals(expected)) {
      throw new LinkException(
          "canon lift " + type + ": core function has type " + actual + ", expected " + expected);
    }
  }

  /** The component function type. */
  public FuncType type() {
    return sig.type;
  }

  /** Calls with arguments in parameter order; returns the result, or null when there is none. */
  public Value call(List<Value> args) {
    return call(args.toArray(new Value[0]));
  }

  /**
   * Calls with arguments in parameter order; returns the result, or null when there is none.
   *
   * @throws TrapException when the guest traps or violates the canonical ABI
   * @throws virga.component.values.ValueTypeException when an argument does not match its type
   */
  public Value call(Value... args) {
    sig.checkArgCount(args.length);
    callee.enter();
    boolean ok = false;
    try {
      CallScope scope = new CallScope();
      AbiContext cx = new AbiContext(opts, callee, scope);
      long[] flat;
      callee.mayLeave = false;
      try {
        flat = lowerArgs(cx, args);
      } finally {
        callee.mayLeave = true;
      }
      long[] results = invoke(flat);
      Value result = liftResult(cx, results);
      if (postReturn != null) {
        invokePostReturn(results);
      }
      scope.finishCallee();
      ok = true;
      return result;
    } finally {
      if (!ok) {
        callee.poison();
      }
      callee.exit();
    }
  }

  private long[] lowerArgs(AbiContext cx, Value[] args) {
    TypePlan[] params = sig.params;
    if (sig.spillParams) {
      RecordPlan tuple = sig.paramTuple;
      int ptr = cx.realloc(0, 0, tuple.align, tuple.size);
      tuple.storeFields(cx, args, ptr);
      return new long[] {ptr};
    }
    FlatCursor out = new FlatCursor(new long[sig.paramFlat]);
    for (int i = 0; i < params.length; i++) {
      params[i].lowerFlat(cx, args[i], out);
    }
    return out.vals;
  }

  private Value liftResult(AbiContext cx, long[] results) {
    TypePlan r = sig.result;
    if (r == null) {
      return null;
    }
    if (results.length < 1) {
      throw new TrapException("canonical ABI: core function returned no result");
    }
    if (sig.spillResult) {
      int ptr = (int) results[0];
      cx.checkRange(ptr, r.size, r.align, "return area");
      return r.load(cx, ptr);
    }
    return r.liftFlat(cx, new FlatCursor(results));
  }

  private long[] invoke(long[] flat) {
    try {
      return core.call(flat);
    } catch (ComponentException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw new TrapException("call stack exhausted", e);
    } catch (RuntimeException e) {
      throw new TrapException("guest call failed: " + e, e);
    }
  }

  private void invokePostReturn(long[] results) {
    try {
      postReturn.call(results);
    } catch (ComponentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new TrapException("post-return failed: " + e, e);
    }
  }
}
