package virga.plugin.bind;

import java.util.ArrayList;
import java.util.List;
import virga.component.types.ValType;
import virga.component.values.Value;

/** Converters of the WIT scalars, {@code string} and {@code list<u8>} (as {@code byte[]}). */
enum Scalars implements Converter {
  BOOL {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return Value.bool((Boolean) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return ((Value.Bool) value).value();
    }
  },
  S8 {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return Value.s8((Byte) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return ((Value.S8) value).value();
    }
  },
  U8 {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return u8((Integer) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return ((Value.U8) value).value();
    }
  },
  S16 {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return Value.s16((Integer) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return (int) ((Value.S16) value).value();
    }
  },
  U16 {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return Value.u16((Integer) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return ((Value.U16) value).value();
    }
  },
  S32 {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return Value.s32((Integer) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return ((Value.S32) value).value();
    }
  },
  U32 {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return Value.u32((Long) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return ((Value.U32) value).value();
    }
  },
  S64 {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return Value.s64((Long) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return ((Value.S64) value).value();
    }
  },
  U64 {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return Value.u64((Long) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return ((Value.U64) value).value();
    }
  },
  F32 {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return Value.f32((Float) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return ((Value.F32) value).value();
    }
  },
  F64 {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return Value.f64((Double) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return ((Value.F64) value).value();
    }
  },
  CHAR {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return Value.character((Integer) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return ((Value.Char) value).codePoint();
    }
  },
  STRING {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return Value.string((String) java);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      return ((Value.Str) value).value();
    }
  },
  /** {@code list<u8>} as {@code byte[]}. */
  BYTES {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      byte[] b = (byte[]) java;
      List<Value> es = new ArrayList<>(b.length);
      for (byte x : b) {
        es.add(U8_VALUES[x & 0xFF]);
      }
      return new Value.ListValue(es);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      List<Value> es = ((Value.ListValue) value).elements();
      byte[] out = new byte[es.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) ((Value.U8) es.get(i)).value();
      }
      return out;
    }
  };

  // u8 values are immutable records: share them instead of allocating one per byte.
  private static final Value.U8[] U8_VALUES = new Value.U8[256];

  static {
    for (int i = 0; i < 256; i++) {
      U8_VALUES[i] = Value.u8(i);
    }
  }

  private static Value.U8 u8(int v) {
    return (v & ~0xFF) == 0 ? U8_VALUES[v] : Value.u8(v);
  }

  /** The converter of {@code p}. */
  static Scalars of(ValType.Primitive p) {
    return valueOf(p.name());
  }
}
