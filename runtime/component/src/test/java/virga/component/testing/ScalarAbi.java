package virga.component.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import virga.component.TrapException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.core.CoreValType;
import virga.component.runtime.CanonicalAbi;
import virga.component.runtime.ComponentFunction;
import virga.component.runtime.LoweringOptions;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;
import virga.component.values.Value;

/**
 * A test double of the canonical ABI for u32/s32 parameters and results only (one flat i32 each),
 * with a plain handle table for resources, so instantiation can be tested before the real ABI is
 * wired in.
 */
public final class ScalarAbi implements CanonicalAbi {

  /** Per-instance state: a handle table of reps. */
  public static final class State implements InstanceState {
    final String name;
    final Map<Integer, Integer> handles = new HashMap<>();
    int next = 1;

    State(String name) {
      this.name = name;
    }
  }

  public final List<String> events = new ArrayList<>();

  @Override
  public InstanceState newInstance(String name) {
    events.add("instance " + name);
    return new State(name);
  }

  @Override
  public void defineResource(InstanceState instance, ResourceType type, CoreFunction destructor) {
    events.add("resource " + type.name());
  }

  @Override
  public ComponentFunction lift(
      InstanceState instance, FuncType type, CoreFunction core, LoweringOptions options) {
    return new ComponentFunction() {
      @Override
      public FuncType type() {
        return type;
      }

      @Override
      public Value call(Value... args) {
        long[] flat = new long[args.length];
        for (int i = 0; i < args.length; i++) {
          flat[i] = toFlat(args[i]);
        }
        long[] out = core.call(flat);
        return type.result() == null ? null : fromFlat(type.result(), out[0]);
      }
    };
  }

  @Override
  public CoreFunction lower(
      InstanceState instance, FuncType type, ComponentFunction callee, LoweringOptions options) {
    List<CoreValType> params = type.params().stream().map(p -> CoreValType.I32).toList();
    List<CoreValType> results = type.result() == null ? List.of() : List.of(CoreValType.I32);
    return CoreFunction.host(
        new CoreFuncType(params, results),
        args -> {
          Value[] vs = new Value[args.length];
          for (int i = 0; i < args.length; i++) {
            vs[i] = fromFlat(type.params().get(i).type(), args[i]);
          }
          Value r = callee.call(vs);
          return r == null ? new long[0] : new long[] {toFlat(r)};
        });
  }

  @Override
  public CoreFunction resourceNew(InstanceState instance, ResourceType type) {
    State s = (State) instance;
    return CoreFunction.host(
        new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I32)),
        args -> {
          int h = s.next++;
          s.handles.put(h, (int) args[0]);
          return new long[] {h};
        });
  }

  @Override
  public CoreFunction resourceDrop(InstanceState instance, ResourceType type) {
    State s = (State) instance;
    return CoreFunction.host(
        new CoreFuncType(List.of(CoreValType.I32), List.of()),
        args -> {
          if (s.handles.remove((int) args[0]) == null) {
            throw new TrapException("unknown handle " + args[0]);
          }
          return new long[0];
        });
  }

  @Override
  public CoreFunction resourceRep(InstanceState instance, ResourceType type) {
    State s = (State) instance;
    return CoreFunction.host(
        new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I32)),
        args -> {
          Integer rep = s.handles.get((int) args[0]);
          if (rep == null) {
            throw new TrapException("unknown handle " + args[0]);
          }
          return new long[] {rep};
        });
  }

  private static long toFlat(Value v) {
    if (v instanceof Value.U32 u) {
      return u.value() & 0xffffffffL;
    }
    if (v instanceof Value.S32 s) {
      return s.value();
    }
    throw new IllegalArgumentException("ScalarAbi handles u32/s32 only: " + v);
  }

  private static Value fromFlat(ValType t, long raw) {
    if (t == ValType.Primitive.U32) {
      return Value.u32(raw & 0xffffffffL);
    }
    if (t == ValType.Primitive.S32) {
      return Value.s32((int) raw);
    }
    throw new IllegalArgumentException("ScalarAbi handles u32/s32 only: " + t);
  }
}
