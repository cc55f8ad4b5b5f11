package virga.component.values;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import virga.component.types.ValType;
import virga.component.types.ValType.Primitive;
import virga.component.values.WaveNode.Kind;

/** Converts an untyped WAVE node into a {@link Value} of an expected type. */
final class WaveReader {
  private final String src;

  WaveReader(String src) {
    this.src = src;
  }

  Value read(ValType type, WaveNode n) {
    if (type instanceof Primitive p) {
      return primitive(p, n);
    } else if (type instanceof ValType.ListType l) {
      List<Value> els = new ArrayList<>();
      for (WaveNode c : expect(n, Kind.LIST).children()) {
        els.add(read(l.element(), c));
      }
      return new Value.ListValue(els);
    } else if (type instanceof ValType.TupleType t) {
      List<WaveNode> cs = expect(n, Kind.TUPLE).children();
      if (cs.size() != t.types().size()) {
        throw new WaveException(
            "wrong number of tuple values: want " + t.types().size() + ", got " + cs.size(),
            n.start());
      }
      List<Value> els = new ArrayList<>();
      for (int i = 0; i < cs.size(); i++) {
        els.add(read(t.types().get(i), cs.get(i)));
      }
      return new Value.TupleValue(els);
    } else if (type instanceof ValType.RecordType r) {
      return record(r, n);
    } else if (type instanceof ValType.VariantType v) {
      return variant(v, n);
    } else if (type instanceof ValType.EnumType e) {
      String label = expect(n, Kind.LABEL).label(src);
      int i = e.labels().indexOf(label);
      if (i < 0) {
        throw new WaveException("unknown enum case " + label, n.start());
      }
      return new Value.EnumValue(label, i);
    } else if (type instanceof ValType.OptionType o) {
      if (n.kind() == Kind.SOME) {
        return new Value.OptionValue(read(o.type(), n.children().get(0)));
      } else if (n.kind() == Kind.NONE) {
        return Value.NONE;
      } else if (flattenable(o.type())) {
        return new Value.OptionValue(read(o.type(), n));
      }
      throw invalidType(type, n);
    } else if (type instanceof ValType.ResultType r) {
      if (n.kind() == Kind.OK || n.kind() == Kind.ERR) {
        boolean ok = n.kind() == Kind.OK;
        ValType side = ok ? r.ok() : r.err();
        WaveNode payload = n.children().isEmpty() ? null : n.children().get(0);
        return new Value.ResultValue(ok, payload(ok ? "ok" : "err", side, payload, n));
      } else if (r.ok() != null && flattenable(r.ok())) {
        return new Value.ResultValue(true, read(r.ok(), n));
      }
      throw invalidType(type, n);
    } else if (type instanceof ValType.FlagsType f) {
      Set<String> set = new LinkedHashSet<>();
      Set<String> given = new LinkedHashSet<>();
      for (WaveNode c : expect(n, Kind.FLAGS).children()) {
        String l = c.label(src);
        if (!f.labels().contains(l)) {
          throw new WaveException("unknown flag " + l, c.start());
        }
        given.add(l);
      }
      for (String l : f.labels()) {
        if (given.contains(l)) {
          set.add(l);
        }
      }
      return new Value.FlagsValue(set);
    }
    throw new WaveException("unsupported type " + Values.describe(type) + " in WAVE", n.start());
  }

  private Value record(ValType.RecordType r, WaveNode n) {
    List<WaveNode> cs = expect(n, Kind.RECORD).children();
    Map<String, WaveNode> given = new HashMap<>();
    Map<String, Integer> labelAt = new HashMap<>();
    for (int i = 0; i < cs.size(); i += 2) {
      given.put(cs.get(i).label(src), cs.get(i + 1));
      labelAt.put(cs.get(i).label(src), cs.get(i).start());
    }
    List<Value.Field> fields = new ArrayList<>();
    for (ValType.Field f : r.fields()) {
      WaveNode v = given.remove(f.name());
      if (v != null) {
        fields.add(new Value.Field(f.name(), read(f.type(), v)));
      } else if (f.type() instanceof ValType.OptionType) {
        fields.add(new Value.Field(f.name(), Value.NONE));
      } else {
        throw new WaveException("missing field " + f.name(), n.start());
      }
    }
    if (!given.isEmpty()) {
      String extra = given.keySet().iterator().next();
      throw new WaveException("unknown field " + extra, labelAt.get(extra));
    }
    return new Value.RecordValue(fields);
  }

  private Value variant(ValType.VariantType v, WaveNode n) {
    WaveNode labelNode;
    WaveNode payload;
    if (n.kind() == Kind.LABEL) {
      labelNode = n;
      payload = null;
    } else if (n.kind() == Kind.VARIANT_PAYLOAD) {
      labelNode = n.children().get(0);
      payload = n.children().get(1);
    } else {
      throw invalidType(v, n);
    }
    String label = labelNode.label(src);
    for (int i = 0; i < v.cases().size(); i++) {
      ValType.Case c = v.cases().get(i);
      if (c.name().equals(label)) {
        return new Value.VariantValue(label, i, payload(label, c.type(), payload, n));
      }
    }
    throw new WaveException("unknown case " + label, n.start());
  }

  private Value payload(String name, ValType type, WaveNode payload, WaveNode n) {
    if (type == null && payload == null) {
      return null;
    }
    if (type == null) {
      throw new WaveException("unexpected payload for " + name, payload.start());
    }
    if (payload == null) {
      throw new WaveException("missing payload for " + name, n.start());
    }
    return read(type, payload);
  }

  private static boolean flattenable(ValType t) {
    return !(t instanceof ValType.OptionType) && !(t instanceof ValType.ResultType);
  }

  private Value primitive(Primitive p, WaveNode n) {
    switch (p) {
      case BOOL:
        if (n.kind() == Kind.TRUE || n.kind() == Kind.FALSE) {
          return Value.bool(n.kind() == Kind.TRUE);
        }
        throw invalidType(p, n);
      case CHAR:
        return new Value.Char(WaveStrings.decodeChar(src, expect(n, Kind.CHAR)));
      case STRING:
        if (n.kind() == Kind.STRING || n.kind() == Kind.MULTILINE_STRING) {
          return new Value.Str(WaveStrings.decodeString(src, n));
        }
        throw invalidType(p, n);
      case F32:
        return new Value.F32((float) floating(expect(n, Kind.NUMBER), true));
      case F64:
        return new Value.F64(floating(expect(n, Kind.NUMBER), false));
      default:
        return integer(p, expect(n, Kind.NUMBER));
    }
  }

  private double floating(WaveNode n, boolean single) {
    String t = n.text(src);
    switch (t) {
      case "inf":
        return Double.POSITIVE_INFINITY;
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      case "nan":
        return Double.NaN;
      default:
        return single ? Float.parseFloat(t) : Double.parseDouble(t);
    }
  }

  private Value integer(Primitive p, WaveNode n) {
    String t = n.text(src);
    boolean unsigned =
        p == Primitive.U8 || p == Primitive.U16 || p == Primitive.U32 || p == Primitive.U64;
    if (t.indexOf('.') >= 0
        || t.indexOf('e') >= 0
        || t.indexOf('E') >= 0
        || t.endsWith("inf")
        || t.equals("nan")
        || (unsigned && t.startsWith("-"))) {
      throw new WaveException("invalid value for " + p.witName() + ": " + t, n.start());
    }
    BigInteger v = new BigInteger(t);
    BigInteger min;
    BigInteger max;
    switch (p) {
      case S8 -> {
        min = BigInteger.valueOf(Byte.MIN_VALUE);
        max = BigInteger.valueOf(Byte.MAX_VALUE);
      }
      case U8 -> {
        min = BigInteger.ZERO;
        max = BigInteger.valueOf(0xFF);
      }
      case S16 -> {
        min = BigInteger.valueOf(Short.MIN_VALUE);
        max = BigInteger.valueOf(Short.MAX_VALUE);
      }
      case U16 -> {
        min = BigInteger.ZERO;
        max = BigInteger.valueOf(0xFFFF);
      }
      case S32 -> {
        min = BigInteger.valueOf(Integer.MIN_VALUE);
        max = BigInteger.valueOf(Integer.MAX_VALUE);
      }
      case U32 -> {
        min = BigInteger.ZERO;
        max = BigInteger.valueOf(0xFFFF_FFFFL);
      }
      case S64 -> {
        min = BigInteger.valueOf(Long.MIN_VALUE);
        max = BigInteger.valueOf(Long.MAX_VALUE);
      }
      default -> {
        min = BigInteger.ZERO;
        max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
      }
    }
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw new WaveException("invalid value for " + p.witName() + ": " + t, n.start());
    }
    long l = v.longValue();
    return switch (p) {
      case S8 -> new Value.S8((byte) l);
      case U8 -> new Value.U8((int) l);
      case S16 -> new Value.S16((short) l);
      case U16 -> new Value.U16((int) l);
      case S32 -> new Value.S32((int) l);
      case U32 -> new Value.U32(l);
      case S64 -> new Value.S64(l);
      default -> new Value.U64(l);
    };
  }

  private WaveNode expect(WaveNode n, Kind k) {
    if (n.kind() != k) {
      throw new WaveException(
          "invalid value type: expected "
              + k.name().toLowerCase(java.util.Locale.ROOT)
              + ", got '"
              + n.text(src)
              + "'",
          n.start());
    }
    return n;
  }

  private WaveException invalidType(ValType t, WaveNode n) {
    return new WaveException(
        "invalid value type: '" + n.text(src) + "' is not a " + Values.describe(t), n.start());
  }
}
