package virga.component.abi;

import virga.component.TrapException;
import virga.component.types.ValType.Primitive;
import virga.component.values.Value;

/**
 * {@code string}: a (pointer, code units) pair, in the guest's string encoding. Lowering always
 * starts from a host (Java) string, also between components (their strings are lifted to Java
 * strings first), so it encodes first and calls the guest's realloc exactly once, with the exact
 * size, like wasmtime and jco. The spec's multi-step realloc sequences (store_utf16_to_utf8,
 * store_string_to_latin1_or_utf16) only pay off when transcoding from another memory without
 * knowing the result size; some guest allocators (the wasi preview1 adapter's) accept a single
 * allocation per import call.
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

  /**
   * UTF-8: encodes first, then makes one allocation of exactly the encoded length, as wasmtime and
   * jco do for host strings. (The spec's store_utf16_to_utf8 allocates by code units, grows to the
   * worst case and shrinks; the wasi preview1 adapter's allocator allows only one allocation per
   * import call and aborts the guest on the second.)
   */
  private static long storeUtf8(AbiContext cx, String s) {
    byte[] enc = StringCodec.encodeUtf8(s);
    checkLength(enc.length);
    int ptr = cx.realloc(0, 0, 1, enc.length);
    cx.memory.writeBytes(ptr, enc);
    return pack(ptr, enc.length);
  }

  /** UTF-16: one allocation of exactly two bytes per code unit (the spec's store_string_copy). */
  private static long storeUtf16(AbiContext cx, String s) {
    StringCodec.checkHostString(s);
    long bytes = 2L * s.length();
    checkLength(bytes);
    int ptr = cx.realloc(0, 0, 2, bytes);
    cx.memory.writeBytes(ptr, StringCodec.encodeUtf16(s));
    return pack(ptr, s.length());
  }

  /**
   * Latin-1+UTF-16: one exact allocation, of Latin-1 when every char is at most U+00FF, else of
   * tagged UTF-16. The host knows the whole string up front, so the spec's allocate-Latin-1, then
   * grow-and-inflate sequence is not needed (and would cost the guest a second allocation).
   */
  private static long storeLatin1OrUtf16(AbiContext cx, String s) {
    StringCodec.checkHostString(s);
    int units = s.length();
    if (StringCodec.latin1Prefix(s) == units) {
      int ptr = cx.realloc(0, 0, 2, units);
      cx.memory.writeBytes(ptr, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      return pack(ptr, units);
    }
    long bytes = 2L * units;
    checkLength(bytes);
    int ptr = cx.realloc(0, 0, 2, bytes);
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
