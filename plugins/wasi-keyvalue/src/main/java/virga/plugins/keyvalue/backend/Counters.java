package virga.plugins.keyvalue.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The one counter encoding of every backend ({@code wasi:keyvalue/atomics}). Writes the unsigned
 * value as a decimal ASCII string ({@code "42"}): readable by {@code get}, what Redis {@code
 * INCRBY} and wasmCloud's filesystem backend use, and never ambiguous.
 *
 * <p>Reads three forms, so counters wasmCloud wrote keep counting:
 *
 * <ol>
 *   <li>1 to 20 ASCII digits: decimal (this host, Redis, wasmCloud's filesystem and in-memory
 *       fallback). Checked first, so an 8-digit decimal is never taken for binary.
 *   <li>exactly 8 other bytes: a u64 in either byte order. wasmCloud's NATS backend wrote
 *       big-endian, its in-memory backend little-endian; the smaller of the two readings is taken.
 *       That is exact for every counter below 2^32 (the other reading of such a value is at least
 *       2^32) and for byte palindromes.
 *   <li>anything else: not a counter, an error naming the key.
 * </ol>
 */
public final class Counters {
  private Counters() {}

  /** The decimal text of unsigned {@code value}. */
  public static byte[] encode(long value) {
    return Long.toUnsignedString(value).getBytes(StandardCharsets.US_ASCII);
  }

  /** The unsigned value of {@code stored} (see the class comment), or 0 when absent. */
  public static long decode(String key, byte[] stored) throws KvException {
    if (stored == null) {
      return 0;
    }
    if (isDecimal(stored)) {
      try {
        return Long.parseUnsignedLong(new String(stored, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw KvException.other("counter '" + key + "' is larger than u64");
      }
    }
    if (stored.length == 8) {
      long big = ByteBuffer.wrap(stored).order(ByteOrder.BIG_ENDIAN).getLong();
      long little = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).getLong();
      return Long.compareUnsigned(big, little) <= 0 ? big : little;
    }
    throw KvException.other(
        "value of key '"
            + key
            + "' is not a counter ("
            + stored.length
            + " bytes; counters are decimal text or 8-byte u64)");
  }

  /** {@code current + delta} as unsigned 64-bit, failing instead of wrapping. */
  public static long add(String key, long current, long delta) throws KvException {
    long sum = current + delta;
    if (Long.compareUnsigned(sum, current) < 0) {
      throw KvException.other(
          "counter '"
              + key
              + "' would overflow u64 ("
              + Long.toUnsignedString(current)
              + " + "
              + Long.toUnsignedString(delta)
              + ")");
    }
    return sum;
  }

  private static boolean isDecimal(byte[] b) {
    if (b.length == 0 || b.length > 20) {
      return false;
    }
    for (byte c : b) {
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
