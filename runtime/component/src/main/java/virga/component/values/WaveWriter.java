package virga.component.values;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Set;
import virga.component.types.ValType;
import virga.component.types.ValType.Primitive;

/** Prints a {@link Value} of a given type in WAVE, matching wasm-wave's writer. */
final class WaveWriter {
  private static final Set<String> KEYWORDS =
      Set.of("true", "false", "some", "none", "ok", "err", "inf", "nan");

  private final StringBuilder sb = new StringBuilder();

  static String write(ValType type, Value value) {
    Values.typeCheck(type, value);
    WaveWriter w = new WaveWriter();
    w.value(type, value);
    return w.sb.toString();
  }

  private void value(ValType type, Value v) {
    if (type instanceof Primitive) {
      primitive(v);
    } else if (type instanceof ValType.ListType l) {
      sb.append('[');
      sequence(l.element(), ((Value.ListValue) v).elements(), null);
      sb.append(']');
    } else if (type instanceof ValType.TupleType t) {
      sb.append('(');
      sequence(null, ((Value.TupleValue) v).elements(), t);
      sb.append(')');
    } else if (type instanceof ValType.RecordType r) {
      sb.append('{');
      boolean first = true;
      Value.RecordValue rv = (Value.RecordValue) v;
      for (int i = 0; i < r.fields().size(); i++) {
        Value fv = rv.fields().get(i).value();
        if (fv instanceof Value.OptionValue o && o.value() == null) {
          continue; // wasm-wave leaves out none-valued option fields
        }
        if (!first) {
          sb.append(", ");
        }
        first = false;
        sb.append(r.fields().get(i).name()).append(": ");
        value(r.fields().get(i).type(), fv);
      }
      if (first) {
        sb.append(':');
      }
      sb.append('}');
    } else if (type instanceof ValType.VariantType vt) {
      Value.VariantValue vv = (Value.VariantValue) v;
      label(vv.caseName());
      if (vv.payload() != null) {
        sb.append('(');
        value(vt.cases().get(Values.caseIndex(vt, vv)).type(), vv.payload());
        sb.append(')');
      }
    } else if (type instanceof ValType.EnumType) {
      label(((Value.EnumValue) v).label());
    } else if (type instanceof ValType.OptionType o) {
      Value.OptionValue ov = (Value.OptionValue) v;
      if (ov.value() == null) {
        sb.append("none");
      } else {
        sb.append("some(");
        value(o.type(), ov.value());
        sb.append(')');
      }
    } else if (type instanceof ValType.ResultType r) {
      Value.ResultValue rv = (Value.ResultValue) v;
      sb.append(rv.isOk() ? "ok" : "err");
      if (rv.payload() != null) {
        sb.append('(');
        value(rv.isOk() ? r.ok() : r.err(), rv.payload());
        sb.append(')');
      }
    } else if (type instanceof ValType.FlagsType f) {
      Set<String> set = ((Value.FlagsValue) v).labels();
      sb.append('{');
      boolean first = true;
      for (String l : f.labels()) {
        if (set.contains(l)) {
          if (!first) {
            sb.append(", ");
          }
          first = false;
          sb.append(l);
        }
      }
      sb.append('}');
    } else {
      throw new ValueTypeException("resources have no WAVE form: " + Values.describe(type));
    }
  }

  private void sequence(ValType elem, java.util.List<Value> vals, ValType.TupleType tuple) {
    for (int i = 0; i < vals.size(); i++) {
      if (i != 0) {
        sb.append(", ");
      }
      value(tuple == null ? elem : tuple.types().get(i), vals.get(i));
    }
  }

  private void label(String name) {
    if (KEYWORDS.contains(name)) {
      sb.append('%');
    }
    sb.append(name);
  }

  private void primitive(Value v) {
    if (v instanceof Value.Bool b) {
      sb.append(b.value());
    } else if (v instanceof Value.S8 x) {
      sb.append(x.value());
    } else if (v instanceof Value.U8 x) {
      sb.append(x.value());
    } else if (v instanceof Value.S16 x) {
      sb.append(x.value());
    } else if (v instanceof Value.U16 x) {
      sb.append(x.value());
    } else if (v instanceof Value.S32 x) {
      sb.append(x.value());
    } else if (v instanceof Value.U32 x) {
      sb.append(x.value());
    } else if (v instanceof Value.S64 x) {
      sb.append(x.value());
    } else if (v instanceof Value.U64 x) {
      sb.append(Long.toUnsignedString(x.value()));
    } else if (v instanceof Value.F32 x) {
      sb.append(floatText(x.value(), true));
    } else if (v instanceof Value.F64 x) {
      sb.append(floatText(x.value(), false));
    } else if (v instanceof Value.Char c) {
      sb.append('\'');
      WaveStrings.appendEscaped(sb, c.codePoint());
      sb.append('\'');
    } else {
      String s = ((Value.Str) v).value();
      sb.append('"');
      s.codePoints().forEach(cp -> WaveStrings.appendEscaped(sb, cp));
      sb.append('"');
    }
  }

  /**
   * Rust's {@code Display} for floats: the shortest digits that round-trip to the same {@code f32}
   * ({@code isF32}) or {@code f64}, the closest such when several have that length, never in
   * exponent form ({@code 1e20} prints as {@code 100000000000000000000}); {@code nan}, {@code inf},
   * {@code -inf}, {@code -0}. (Java 17's {@code Double.toString} is not always shortest: {@code
   * 4.9E-324}, {@code 2.82879384806159008E17}.)
   */
  static String floatText(double d, boolean isF32) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
    }
    BigDecimal exact = new BigDecimal(d);
    for (int digits = 1; ; digits++) {
      BigDecimal best = null;
      for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
        BigDecimal c = exact.round(new MathContext(digits, mode));
        if (roundTrips(c, d, isF32)
            && (best == null
                || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = c;
        }
      }
      if (best != null) {
        return best.stripTrailingZeros().toPlainString();
      }
    }
  }

  private static boolean roundTrips(BigDecimal c, double d, boolean isF32) {
    String text = c.toString();
    return isF32 ? Float.parseFloat(text) == (float) d : Double.parseDouble(text) == d;
  }
}
