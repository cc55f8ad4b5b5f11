package virga.component.abi;

import java.util.ArrayList;
import java.util.List;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreValType;
import virga.component.types.FuncType;
import virga.component.types.ValType;
import virga.component.types.ValType.BorrowType;
import virga.component.types.ValType.Case;
import virga.component.types.ValType.Field;
import virga.component.types.ValType.FlagsType;
import virga.component.types.ValType.ListType;
import virga.component.types.ValType.OwnType;
import virga.component.types.ValType.Primitive;
import virga.component.types.ValType.RecordType;
import virga.component.types.ValType.VariantType;

/**
 * Flattening of value types into core value types: the spec's {@code flatten_type} and {@code
 * flatten_functype}.
 */
public final class Flattening {
  /** More flat parameters than this are passed through memory behind one i32 pointer. */
  public static final int MAX_FLAT_PARAMS = 16;

  /** More flat results than this are returned through memory. */
  public static final int MAX_FLAT_RESULTS = 1;

  private Flattening() {}

  /** Which side of the boundary the core function is on. */
  public enum Context {
    /**
     * {@code canon lift}: the core function is a guest export; spilled results come back as an i32
     * pointer the guest returns.
     */
    LIFT,
    /**
     * {@code canon lower}: the core function is what the guest imports; spilled results are written
     * to a return pointer the guest passes as an extra last parameter.
     */
    LOWER
  }

  /** The core types one value of type {@code t} flattens to. */
  public static List<CoreValType> flattenType(ValType t) {
    List<CoreValType> out = new ArrayList<>();
    flatten(t, out);
    return out;
  }

  /** The core types a sequence of values flattens to. */
  public static List<CoreValType> flattenTypes(List<ValType> ts) {
    List<CoreValType> out = new ArrayList<>();
    for (ValType t : ts) {
      flatten(t, out);
    }
    return out;
  }

  /** The core signature of a component function on the given side of the boundary. */
  public static CoreFuncType flattenFunc(FuncType ft, Context context) {
    List<CoreValType> params = flattenTypes(ft.paramTypes());
    if (params.size() > MAX_FLAT_PARAMS) {
      params = List.of(CoreValType.I32);
    }
    List<CoreValType> results = ft.result() == null ? List.of() : flattenType(ft.result());
    if (results.size() > MAX_FLAT_RESULTS) {
      if (context == Context.LIFT) {
        results = List.of(CoreValType.I32);
      } else {
        params = new ArrayList<>(params);
        params.add(CoreValType.I32);
        results = List.of();
      }
    }
    return new CoreFuncType(params, results);
  }

  private static void flatten(ValType t, List<CoreValType> out) {
    t = Layout.despecialize(t);
    if (t instanceof Primitive p) {
      switch (p) {
        case S64, U64 -> out.add(CoreValType.I64);
        case F32 -> out.add(CoreValType.F32);
        case F64 -> out.add(CoreValType.F64);
        case STRING -> {
          out.add(CoreValType.I32);
          out.add(CoreValType.I32);
        }
        default -> out.add(CoreValType.I32);
      }
    } else if (t instanceof ListType) {
      out.add(CoreValType.I32);
      out.add(CoreValType.I32);
    } else if (t instanceof OwnType || t instanceof BorrowType) {
      out.add(CoreValType.I32);
    } else if (t instanceof RecordType r) {
      for (Field f : r.fields()) {
        flatten(f.type(), out);
      }
    } else if (t instanceof VariantType v) {
      out.add(CoreValType.I32);
      out.addAll(joinedPayload(v.cases()));
    } else {
      int n = ((FlagsType) t).labels().size();
      for (int i = 0; i < (n + 31) / 32; i++) {
        out.add(CoreValType.I32);
      }
    }
  }

  /** The payload slots of a flattened variant: each position joins the cases' types there. */
  static List<CoreValType> joinedPayload(List<Case> cases) {
    List<CoreValType> flat = new ArrayList<>();
    for (Case c : cases) {
      if (c.type() == null) {
        continue;
      }
      List<CoreValType> ct = flattenType(c.type());
      for (int i = 0; i < ct.size(); i++) {
        if (i < flat.size()) {
          flat.set(i, join(flat.get(i), ct.get(i)));
        } else {
          flat.add(ct.get(i));
        }
      }
    }
    return flat;
  }

  /** The spec's {@code join}: equal types stay, i32 with f32 is i32, anything else is i64. */
  static CoreValType join(CoreValType a, CoreValType b) {
    if (a == b) {
      return a;
    }
    if ((a == CoreValType.I32 && b == CoreValType.F32)
        || (a == CoreValType.F32 && b == CoreValType.I32)) {
      return CoreValType.I32;
    }
    return CoreValType.I64;
  }
}
