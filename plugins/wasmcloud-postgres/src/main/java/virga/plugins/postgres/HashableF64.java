package virga.plugins.postgres;

import java.util.List;

/**
 * WIT {@code hashable-f64 = tuple<u64, s16, s8>}: Rust's {@code integer_decode} of a double, value
 * = sign × mantissa × 2^exponent, the encoding wasmCloud's plugin and guests use.
 */
final class HashableF64 {
  private static final int NON_FINITE = 0x7ff - 1023 - 52;
  private static final long IMPLICIT_BIT = 0x10000000000000L;

  private HashableF64() {}

  /** The tuple [mantissa (Long), exponent (Integer), sign (Byte)] of {@code d}. */
  static List<Object> encode(double d) {
    long bits = Double.doubleToRawLongBits(d);
    byte sign = (byte) ((bits >>> 63) == 0 ? 1 : -1);
    int exponent = (int) ((bits >>> 52) & 0x7ff);
    long mantissa =
        exponent == 0
            ? (bits & 0xfffffffffffffL) << 1
            : (bits & 0xfffffffffffffL) | 0x10000000000000L;
    exponent -= 1023 + 52;
    return List.of(mantissa, exponent, sign);
  }

  /** The double of a tuple made by {@link #encode} (or a guest's {@code integer_decode}). */
  static double decode(List<Object> t) {
    if (t.size() != 3) {
      throw new IllegalArgumentException("hashable-f64 needs 3 elements, got " + t.size());
    }
    long mantissa = ((Number) t.get(0)).longValue();
    int exponent = ((Number) t.get(1)).intValue();
    int sign = ((Number) t.get(2)).intValue();
    if (exponent == NON_FINITE && mantissa != IMPLICIT_BIT) {
      // the all-ones exponent with a fraction is NaN; with none it is an infinity (below)
      return Double.NaN;
    }
    // exact: Math.scalb multiplies by a power of two without rounding (mantissa < 2^53)
    return sign * Math.scalb((double) mantissa, exponent);
  }
}
