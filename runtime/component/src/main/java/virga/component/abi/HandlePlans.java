package virga.component.abi;

import virga.component.types.ResourceType;
import virga.component.types.ValType;
import virga.component.values.Value;
import virga.component.values.ValueTypeException;
import virga.component.values.Values;

/**
 * {@code own<R>} and {@code borrow<R>}: an i32 handle into the handle table of the instance on the
 * guest side of the call.
 */
final class HandlePlans {
  private HandlePlans() {}

  /**
   * {@code own<R>}: lifting removes the handle from the table and yields the resource; lowering
   * inserts a fresh own handle.
   */
  static final class OwnPlan extends TypePlan {
    private final ValType.OwnType type;
    private final ResourceType rt;

    OwnPlan(ValType.OwnType type) {
      super(4, 4, 1);
      this.type = type;
      this.rt = type.resource();
    }

    private Value lift(AbiContext cx, int handle) {
      return new Value.Own(rt, cx.inst.handles().removeOwn(handle, rt));
    }

    private int lower(AbiContext cx, Value v) {
      if (!(v instanceof Value.Own o) || o.type() != rt) {
        throw Values.mismatch(type, v, "");
      }
      return cx.inst.handles().insertOwn(rt, o.rep());
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return lift(cx, cx.memory.readInt(ptr));
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeInt(ptr, lower(cx, v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return lift(cx, (int) in.next());
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(lower(cx, v));
    }
  }

  /**
   * {@code borrow<R>}: lifting lends the handle for the call (an own handle cannot be dropped until
   * the call ends); lowering gives the callee a borrow handle scoped to the call, or the bare rep
   * when the callee defines {@code R}. The host may pass an {@link Value.Own} it holds where a
   * borrow is expected: it keeps ownership.
   */
  static final class BorrowPlan extends TypePlan {
    private final ValType.BorrowType type;
    private final ResourceType rt;

    BorrowPlan(ValType.BorrowType type) {
      super(4, 4, 1);
      this.type = type;
      this.rt = type.resource();
    }

    private Value lift(AbiContext cx, int handle) {
      return new Value.Borrow(rt, cx.inst.handles().lend(handle, rt, cx.scope));
    }

    private int lower(AbiContext cx, Value v) {
      Object rep;
      if (v instanceof Value.Borrow b && b.type() == rt) {
        rep = b.rep();
      } else if (v instanceof Value.Own o && o.type() == rt) {
        rep = o.rep();
      } else {
        throw Values.mismatch(type, v, "");
      }
      if (cx.inst.definesResource(rt)) {
        if (!(rep instanceof Integer i)) {
          throw new ValueTypeException("resource " + rt.name() + " needs an i32 rep, got " + rep);
        }
        return i;
      }
      return cx.inst.handles().insertBorrow(rt, rep, cx.scope);
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return lift(cx, cx.memory.readInt(ptr));
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeInt(ptr, lower(cx, v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return lift(cx, (int) in.next());
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(lower(cx, v));
    }
  }
}
