package virga.component.abi;

import java.util.Arrays;
import virga.component.TrapException;
import virga.component.types.ValType.Primitive;
import virga.component.values.Value;

/**
 * {@code string}: a (pointer, code units) pair, in the guest's string encoding. Lowering follows
 * the spec's realloc protocol for a UTF-16 source (a Java string): allocate by the source's code
 * unit count first, then grow to the worst case and shrink to fit only when needed.
 */
final class StringPlan extends TypePlan {
  /** The largest byte length a string may have in guest memory. */
  static final int MAX_STRING_BYTE_LENGTH = Integer.MAX_VALUE;

  private static final int TAG = StringEncoding.UTF16_TAG;

  StringPlan() {
    super(8, 4, 2);
  }

  @Override
  Value load(AbiContext cx, int ptr) {
    return new Value.Str(loadRange(cx, cx.memory.readInt(ptr), cx.memory.readInt(ptr + 4)));
  }

  @Override
  void store(AbiContext cx, Value v, int ptr) {
    long r = storeRange(cx, v);
    cx.memory.writeInt(ptr, (int) (r >>> 32));
    cx.memory.writeInt(ptr + 4, (int) r);
  }

  @Override
  Value liftFlat(AbiContext cx, FlatCursor in) {
    int ptr = (int) in.next();
    int units = (int) in.next();
    return new Value.Str(loadRange(cx, ptr, units));
  }

  @Override
  void lowerFlat(AbiContext cx, Value v, FlatCursor out) {
    long r = storeRange(cx, v);
    out.put((int) (r >>> 32));
    out.put((int) r);
  }

  static String loadRange(AbiContext cx, int ptr, int taggedUnits) {
    long units = Integer.toUnsignedLong(taggedUnits);
    switch (cx.encoding) {
      case UTF8:
        return StringCodec.decodeUtf8(read(cx, ptr, units, 1));
      case UTF16:
        return StringCodec.decodeUtf16(read(cx, ptr, 2 * units, 2));
      default:
        if ((taggedUnits & TAG) != 0) {
          return StringCodec.decodeUtf16(read(cx, ptr, 2 * (units ^ TAG), 2));
        }
        return StringCodec.decodeLatin1(read(cx, ptr, units, 2));
    }
  }

  private static byte[] read(AbiContext cx, int ptr, long byteLength, int align) {
    cx.checkRange(ptr, byteLength, align, "string pointer");
    if (byteLength > MAX_STRING_BYTE_LENGTH) {
      throw new TrapException("canonical ABI: string of " + byteLength + " bytes is too long");
    }
    return cx.memory.readBytes(ptr, (int) byteLength);
  }

  /** Stores the string; returns (pointer << 32) | tagged code units. */
  static long storeRange(AbiContext cx, Value v) {
    if (!(v instanceof Value.Str str)) {
      throw ScalarPlans.mismatch(Primitive.STRING, v);
    }
    String s = str.value();
    return switch (cx.encoding) {
      case UTF8 -> storeUtf8(cx, s);
      case UTF16 -> storeUtf16(cx, s);
      case LATIN1_UTF16 -> storeLatin1OrUtf16(cx, s);
    };
  }

  /** The spec's store_utf16_to_utf8. */
  private static long storeUtf8(AbiContext cx, String s) {
    byte[] enc = StringCodec.encodeUtf8(s);
    int units = s.length();
    int ptr = cx.realloc(0, 0, 1, units);
    if (enc.length == units) {
      cx.memory.writeBytes(ptr, enc);
      return pack(ptr, units);
    }
    cx.memory.writeBytes(ptr, Arrays.copyOf(enc, units));
    long worst = 3L * units;
    checkLength(worst);
    ptr = cx.realloc(ptr, units, 1, worst);
    cx.memory.writeBytes(ptr + units, Arrays.copyOfRange(enc, units, enc.length));
    if (worst > enc.length) {
      ptr = cx.realloc(ptr, (int) worst, 1, enc.length);
    }
    return pack(ptr, enc.length);
  }

  /** The spec's store_string_copy for a UTF-16 source and destination. */
  private static long storeUtf16(AbiContext cx, String s) {
    StringCodec.checkHostString(s);
    long bytes = 2L * s.length();
    checkLength(bytes);
    int ptr = cx.realloc(0, 0, 2, bytes);
    cx.memory.writeBytes(ptr, StringCodec.encodeUtf16(s));
    return pack(ptr, s.length());
  }

  /** The spec's store_string_to_latin1_or_utf16 for a UTF-16 source. */
  private static long storeLatin1OrUtf16(AbiContext cx, String s) {
    StringCodec.checkHostString(s);
    int units = s.length();
    int ptr = cx.realloc(0, 0, 2, units);
    int latin1 = StringCodec.latin1Prefix(s);
    byte[] prefix = new byte[latin1];
    for (int k = 0; k < latin1; k++) {
      prefix[k] = (byte) s.charAt(k);
    }
    cx.memory.writeBytes(ptr, prefix);
    if (latin1 == units) {
      return pack(ptr, units);
    }
    // a char above U+00FF: grow to UTF-16 and re-encode the whole string, which leaves the same
    // bytes as the spec's in-place inflation of the Latin-1 prefix
    long worst = 2L * units;
    checkLength(worst);
    ptr = cx.realloc(ptr, units, 2, worst);
    cx.memory.writeBytes(ptr, StringCodec.encodeUtf16(s));
    return pack(ptr, units | TAG);
  }

  private static void checkLength(long bytes) {
    if (bytes > MAX_STRING_BYTE_LENGTH) {
      throw new TrapException("canonical ABI: string of " + bytes + " bytes is too long");
    }
  }

  private static long pack(int ptr, int taggedUnits) {
    return ((long) ptr << 32) | Integer.toUnsignedLong(taggedUnits);
  }
}
