package virga.component.abi;

import virga.component.TrapException;
import virga.component.types.ValType.Primitive;
import virga.component.values.Value;
import virga.component.values.Values;

/** Plans for bool, the integers, the floats and char: one small class each, no shared switch. */
final class ScalarPlans {
  private ScalarPlans() {}

  static TypePlan of(Primitive p) {
    return switch (p) {
      case BOOL -> new BoolPlan();
      case S8 -> new S8Plan();
      case U8 -> new U8Plan();
      case S16 -> new S16Plan();
      case U16 -> new U16Plan();
      case S32 -> new S32Plan();
      case U32 -> new U32Plan();
      case S64 -> new S64Plan();
      case U64 -> new U64Plan();
      case F32 -> new F32Plan();
      case F64 -> new F64Plan();
      case CHAR -> new CharPlan();
      case STRING -> new StringPlan();
    };
  }

  static RuntimeException mismatch(Primitive p, Value v) {
    return Values.mismatch(p, v, "");
  }

  /** Canonical NaN bits are what {@link Float#floatToIntBits} produces for every NaN. */
  static int f32Bits(Value v) {
    if (!(v instanceof Value.F32 f)) {
      throw mismatch(Primitive.F32, v);
    }
    return Float.floatToIntBits(f.value());
  }

  static long f64Bits(Value v) {
    if (!(v instanceof Value.F64 f)) {
      throw mismatch(Primitive.F64, v);
    }
    return Double.doubleToLongBits(f.value());
  }

  static Value.F32 f32(int bits) {
    // intBitsToFloat then floatToIntBits-style canonicalisation: any NaN becomes Float.NaN
    float f = Float.intBitsToFloat(bits);
    return new Value.F32(f != f ? Float.NaN : f);
  }

  static Value.F64 f64(long bits) {
    double d = Double.longBitsToDouble(bits);
    return new Value.F64(d != d ? Double.NaN : d);
  }

  static Value.Char toChar(int i) {
    if (Integer.compareUnsigned(i, 0x110000) >= 0 || (i >= 0xD800 && i <= 0xDFFF)) {
      throw new TrapException(
          "canonical ABI: 0x" + Integer.toHexString(i) + " is not a Unicode scalar value");
    }
    return new Value.Char(i);
  }

  static final class BoolPlan extends TypePlan {
    BoolPlan() {
      super(1, 1, 1);
    }

    static int bit(Value v) {
      if (!(v instanceof Value.Bool b)) {
        throw mismatch(Primitive.BOOL, v);
      }
      return b.value() ? 1 : 0;
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return Value.bool(cx.memory.readByte(ptr) != 0);
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeByte(ptr, (byte) bit(v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return Value.bool((int) in.next() != 0);
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(bit(v));
    }
  }

  static final class S8Plan extends TypePlan {
    S8Plan() {
      super(1, 1, 1);
    }

    static byte get(Value v) {
      if (!(v instanceof Value.S8 x)) {
        throw mismatch(Primitive.S8, v);
      }
      return x.value();
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return new Value.S8(cx.memory.readByte(ptr));
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeByte(ptr, get(v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return new Value.S8((byte) in.next());
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(get(v));
    }
  }

  static final class U8Plan extends TypePlan {
    U8Plan() {
      super(1, 1, 1);
    }

    static int get(Value v) {
      if (!(v instanceof Value.U8 x)) {
        throw mismatch(Primitive.U8, v);
      }
      return x.value();
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return new Value.U8(cx.memory.readByte(ptr) & 0xFF);
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeByte(ptr, (byte) get(v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return new Value.U8((int) in.next() & 0xFF);
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(get(v));
    }
  }

  static final class S16Plan extends TypePlan {
    S16Plan() {
      super(2, 2, 1);
    }

    static short get(Value v) {
      if (!(v instanceof Value.S16 x)) {
        throw mismatch(Primitive.S16, v);
      }
      return x.value();
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return new Value.S16(cx.memory.readShort(ptr));
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeShort(ptr, get(v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return new Value.S16((short) in.next());
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(get(v));
    }
  }

  static final class U16Plan extends TypePlan {
    U16Plan() {
      super(2, 2, 1);
    }

    static int get(Value v) {
      if (!(v instanceof Value.U16 x)) {
        throw mismatch(Primitive.U16, v);
      }
      return x.value();
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return new Value.U16(cx.memory.readShort(ptr) & 0xFFFF);
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeShort(ptr, (short) get(v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return new Value.U16((int) in.next() & 0xFFFF);
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(get(v));
    }
  }

  static final class S32Plan extends TypePlan {
    S32Plan() {
      super(4, 4, 1);
    }

    static int get(Value v) {
      if (!(v instanceof Value.S32 x)) {
        throw mismatch(Primitive.S32, v);
      }
      return x.value();
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return new Value.S32(cx.memory.readInt(ptr));
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeInt(ptr, get(v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return new Value.S32((int) in.next());
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(get(v));
    }
  }

  static final class U32Plan extends TypePlan {
    U32Plan() {
      super(4, 4, 1);
    }

    static int get(Value v) {
      if (!(v instanceof Value.U32 x)) {
        throw mismatch(Primitive.U32, v);
      }
      return (int) x.value();
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return new Value.U32(Integer.toUnsignedLong(cx.memory.readInt(ptr)));
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeInt(ptr, get(v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return new Value.U32(in.next() & 0xFFFF_FFFFL);
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(get(v));
    }
  }

  static final class S64Plan extends TypePlan {
    S64Plan() {
      super(8, 8, 1);
    }

    static long get(Value v) {
      if (!(v instanceof Value.S64 x)) {
        throw mismatch(Primitive.S64, v);
      }
      return x.value();
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return new Value.S64(cx.memory.readLong(ptr));
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeLong(ptr, get(v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return new Value.S64(in.next());
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(get(v));
    }
  }

  static final class U64Plan extends TypePlan {
    U64Plan() {
      super(8, 8, 1);
    }

    static long get(Value v) {
      if (!(v instanceof Value.U64 x)) {
        throw mismatch(Primitive.U64, v);
      }
      return x.value();
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return new Value.U64(cx.memory.readLong(ptr));
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeLong(ptr, get(v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return new Value.U64(in.next());
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(get(v));
    }
  }

  static final class F32Plan extends TypePlan {
    F32Plan() {
      super(4, 4, 1);
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return f32(cx.memory.readInt(ptr));
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeInt(ptr, f32Bits(v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return f32((int) in.next());
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(f32Bits(v) & 0xFFFF_FFFFL);
    }
  }

  static final class F64Plan extends TypePlan {
    F64Plan() {
      super(8, 8, 1);
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return f64(cx.memory.readLong(ptr));
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeLong(ptr, f64Bits(v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return f64(in.next());
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(f64Bits(v));
    }
  }

  static final class CharPlan extends TypePlan {
    CharPlan() {
      super(4, 4, 1);
    }

    static int get(Value v) {
      if (!(v instanceof Value.Char c)) {
        throw mismatch(Primitive.CHAR, v);
      }
      return c.codePoint();
    }

    @Override
    Value load(AbiContext cx, int ptr) {
      return toChar(cx.memory.readInt(ptr));
    }

    @Override
    void store(AbiContext cx, Value v, int ptr) {
      cx.memory.writeInt(ptr, get(v));
    }

    @Override
    Value liftFlat(AbiContext cx, FlatCursor in) {
      return toChar((int) in.next());
    }

    @Override
    void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
      out.put(get(v));
    }
  }
}
