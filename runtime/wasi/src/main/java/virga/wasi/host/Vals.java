package virga.wasi.host;

import java.util.ArrayList;
import java.util.List;
import virga.component.TrapException;
import virga.component.values.Value;

/** Short conversions between {@link Value}s and the Java types host functions work with. */
public final class Vals {
  private static final Value.U8[] U8 = new Value.U8[256];

  static {
    for (int i = 0; i < 256; i++) {
      U8[i] = Value.u8(i);
    }
  }

  private Vals() {}

  /** The Java rep behind an own or borrow handle, checked to be a {@code type}. */
  public static <T> T rep(Value v, Class<T> type) {
    Object rep;
    if (v instanceof Value.Borrow b) {
      rep = b.rep();
    } else if (v instanceof Value.Own o) {
      rep = o.rep();
    } else {
      throw new TrapException("expected a resource handle, got " + v);
    }
    if (!type.isInstance(rep)) {
      throw new TrapException(
          "resource handle holds a "
              + rep.getClass().getSimpleName()
              + ", not a "
              + type.getSimpleName());
    }
    return type.cast(rep);
  }

  /** A {@code u64} as a long with unsigned bits. */
  public static long u64(Value v) {
    return ((Value.U64) v).value();
  }

  /** A {@code u64} length clamped to {@code max} (a guest may ask for up to 2^64-1). */
  public static int clampedLength(Value v, int max) {
    long len = u64(v);
    return Long.compareUnsigned(len, max) > 0 ? max : (int) len;
  }

  /** A {@code u32}. */
  public static long u32(Value v) {
    return ((Value.U32) v).value();
  }

  /** A {@code u8}. */
  public static int u8(Value v) {
    return ((Value.U8) v).value();
  }

  /** A {@code string}. */
  public static String str(Value v) {
    return ((Value.Str) v).value();
  }

  /** A {@code list<u8>} as bytes. */
  public static byte[] bytes(Value v) {
    List<Value> es = ((Value.ListValue) v).elements();
    byte[] out = new byte[es.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((Value.U8) es.get(i)).value();
    }
    return out;
  }

  /** Bytes as a {@code list<u8>}. */
  public static Value.ListValue bytes(byte[] b) {
    List<Value> es = new ArrayList<>(b.length);
    for (byte x : b) {
      es.add(U8[x & 0xFF]);
    }
    return new Value.ListValue(es);
  }

  /** A {@code list<string>}. */
  public static Value.ListValue strings(List<String> values) {
    return new Value.ListValue(values.stream().map(s -> (Value) Value.string(s)).toList());
  }
}
