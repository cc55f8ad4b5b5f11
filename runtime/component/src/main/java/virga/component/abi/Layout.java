package virga.component.abi;

import java.util.ArrayList;
import java.util.List;
import virga.component.types.ValType;
import virga.component.types.ValType.BorrowType;
import virga.component.types.ValType.Case;
import virga.component.types.ValType.EnumType;
import virga.component.types.ValType.Field;
import virga.component.types.ValType.FlagsType;
import virga.component.types.ValType.ListType;
import virga.component.types.ValType.OptionType;
import virga.component.types.ValType.OwnType;
import virga.component.types.ValType.Primitive;
import virga.component.types.ValType.RecordType;
import virga.component.types.ValType.ResultType;
import virga.component.types.ValType.TupleType;
import virga.component.types.ValType.VariantType;

/**
 * Memory layout of value types: the spec's {@code despecialize}, {@code alignment} and {@code
 * size}.
 */
public final class Layout {
  private Layout() {}

  /**
   * Rewrites the specialised types into the general ones: tuple → record with fields "0", "1", ...;
   * enum → variant without payloads; option → variant {none, some}; result → variant {ok, error}.
   * Other types are returned unchanged.
   */
  public static ValType despecialize(ValType t) {
    if (t instanceof TupleType tup) {
      List<Field> fields = new ArrayList<>();
      for (int i = 0; i < tup.types().size(); i++) {
        fields.add(new Field(Integer.toString(i), tup.types().get(i)));
      }
      return new RecordType(fields);
    } else if (t instanceof EnumType e) {
      return new VariantType(e.labels().stream().map(l -> new Case(l, null)).toList());
    } else if (t instanceof OptionType o) {
      return new VariantType(List.of(new Case("none", null), new Case("some", o.type())));
    } else if (t instanceof ResultType r) {
      return new VariantType(List.of(new Case("ok", r.ok()), new Case("error", r.err())));
    }
    return t;
  }

  /** The alignment in bytes of a value of type {@code t} in memory. */
  public static int alignment(ValType t) {
    t = despecialize(t);
    if (t instanceof Primitive p) {
      return switch (p) {
        case BOOL, S8, U8 -> 1;
        case S16, U16 -> 2;
        case S32, U32, F32, CHAR, STRING -> 4;
        case S64, U64, F64 -> 8;
      };
    } else if (t instanceof ListType || t instanceof OwnType || t instanceof BorrowType) {
      return 4;
    } else if (t instanceof RecordType r) {
      int a = 1;
      for (Field f : r.fields()) {
        a = Math.max(a, alignment(f.type()));
      }
      return a;
    } else if (t instanceof VariantType v) {
      return Math.max(discriminantSize(v.cases().size()), maxCaseAlignment(v.cases()));
    } else {
      int n = ((FlagsType) t).labels().size();
      return n <= 8 ? 1 : n <= 16 ? 2 : 4;
    }
  }

  /** The size in bytes of a value of type {@code t} in memory (a multiple of its alignment). */
  public static int size(ValType t) {
    t = despecialize(t);
    if (t instanceof Primitive p) {
      return switch (p) {
        case BOOL, S8, U8 -> 1;
        case S16, U16 -> 2;
        case S32, U32, F32, CHAR -> 4;
        case S64, U64, F64, STRING -> 8;
      };
    } else if (t instanceof ListType) {
      return 8;
    } else if (t instanceof OwnType || t instanceof BorrowType) {
      return 4;
    } else if (t instanceof RecordType r) {
      int s = 0;
      for (Field f : r.fields()) {
        s = alignTo(s, alignment(f.type()));
        s += size(f.type());
      }
      return alignTo(s, alignment(r));
    } else if (t instanceof VariantType v) {
      int s = discriminantSize(v.cases().size());
      s = alignTo(s, maxCaseAlignment(v.cases()));
      int cs = 0;
      for (Case c : v.cases()) {
        if (c.type() != null) {
          cs = Math.max(cs, size(c.type()));
        }
      }
      return alignTo(s + cs, alignment(v));
    } else {
      return flagsSize(((FlagsType) t).labels().size());
    }
  }

  /** The size of a flags value with {@code n} labels: 0, 1, 2, or 4 per 32 labels. */
  public static int flagsSize(int n) {
    if (n == 0) {
      return 0;
    }
    return n <= 8 ? 1 : n <= 16 ? 2 : 4 * ((n + 31) / 32);
  }

  /** The discriminant size in bytes of a variant with {@code n} cases: 1, 2 or 4. */
  public static int discriminantSize(int n) {
    return n <= 0x100 ? 1 : n <= 0x10000 ? 2 : 4;
  }

  /** The largest alignment among the cases' payloads (1 when none has a payload). */
  static int maxCaseAlignment(List<Case> cases) {
    int a = 1;
    for (Case c : cases) {
      if (c.type() != null) {
        a = Math.max(a, alignment(c.type()));
      }
    }
    return a;
  }

  /** Rounds {@code ptr} up to a multiple of {@code alignment} (a power of two). */
  public static int alignTo(int ptr, int alignment) {
    return (ptr + alignment - 1) & -alignment;
  }
}
