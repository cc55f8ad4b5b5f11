package virga.component.abi;

import virga.component.types.ValType;
import virga.component.values.Value;
import virga.component.values.Values;

/** The {@link VariantPlan.Shape}s of variant, enum, option and result values. */
final class VariantShapes {
  private VariantShapes() {}

  static VariantPlan.Shape variant(ValType.VariantType type) {
    String[] names = type.cases().stream().map(ValType.Case::name).toArray(String[]::new);
    return new VariantPlan.Shape() {
      @Override
      public int caseIndex(Value v) {
        if (!(v instanceof Value.VariantValue vv)) {
          throw Values.mismatch(type, v, "");
        }
        int c = Values.caseIndex(type, vv);
        if ((type.cases().get(c).type() == null) != (vv.payload() == null)) {
          throw Values.mismatch(type, v, "");
        }
        return c;
      }

      @Override
      public Value payload(Value v) {
        return ((Value.VariantValue) v).payload();
      }

      @Override
      public Value make(int c, Value payload) {
        return new Value.VariantValue(names[c], c, payload);
      }
    };
  }

  static VariantPlan.Shape enumeration(ValType.EnumType type) {
    Value.EnumValue[] values = new Value.EnumValue[type.labels().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = new Value.EnumValue(type.labels().get(i), i);
    }
    return new VariantPlan.Shape() {
      @Override
      public int caseIndex(Value v) {
        if (!(v instanceof Value.EnumValue ev)) {
          throw Values.mismatch(type, v, "");
        }
        return Values.enumIndex(type, ev);
      }

      @Override
      public Value payload(Value v) {
        return null;
      }

      @Override
      public Value make(int c, Value payload) {
        return values[c];
      }
    };
  }

  static VariantPlan.Shape option(ValType.OptionType type) {
    return new VariantPlan.Shape() {
      @Override
      public int caseIndex(Value v) {
        if (!(v instanceof Value.OptionValue o)) {
          throw Values.mismatch(type, v, "");
        }
        return o.value() == null ? 0 : 1;
      }

      @Override
      public Value payload(Value v) {
        return ((Value.OptionValue) v).value();
      }

      @Override
      public Value make(int c, Value payload) {
        return c == 0 ? Value.NONE : new Value.OptionValue(payload);
      }
    };
  }

  static VariantPlan.Shape result(ValType.ResultType type) {
    return new VariantPlan.Shape() {
      @Override
      public int caseIndex(Value v) {
        if (!(v instanceof Value.ResultValue r)) {
          throw Values.mismatch(type, v, "");
        }
        // a payload where the type has none (or the reverse) is a host bug: report it here
        ValType side = r.isOk() ? type.ok() : type.err();
        if ((side == null) != (r.payload() == null)) {
          throw Values.mismatch(type, v, "");
        }
        return r.isOk() ? 0 : 1;
      }

      @Override
      public Value payload(Value v) {
        return ((Value.ResultValue) v).payload();
      }

      @Override
      public Value make(int c, Value payload) {
        if (payload == null) {
          return c == 0 ? Value.OK : Value.ERR;
        }
        return new Value.ResultValue(c == 0, payload);
      }
    };
  }
}
