package virga.plugins.keyvalue;

import java.time.Duration;
import java.util.Map;
import virga.plugins.keyvalue.backend.KvException;

/**
 * The bounds every backend shares: the largest value, and how long a backend call may wait for its
 * server.
 *
 * @param maxValueBytes largest value {@code set} accepts; the default, 1,000,000 bytes, fits in a
 *     NATS message under nats-server's default 1 MiB payload limit with room for headers
 * @param timeout bound on every request to a server (NATS, Redis)
 */
public record Limits(int maxValueBytes, Duration timeout) {
  /** Default {@link #maxValueBytes}. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 1_000_000;

  /** Default {@link #timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** The defaults. */
  public static final Limits DEFAULT = new Limits(DEFAULT_MAX_VALUE_BYTES, DEFAULT_TIMEOUT);

  /** Reads settings {@code max-value-bytes} and {@code timeout-ms}, defaults for missing ones. */
  public static Limits from(Map<String, String> settings) {
    return new Limits(
        (int) number(settings, "max-value-bytes", DEFAULT_MAX_VALUE_BYTES, Integer.MAX_VALUE),
        Duration.ofMillis(number(settings, "timeout-ms", DEFAULT_TIMEOUT.toMillis(), 3_600_000)));
  }

  private static long number(Map<String, String> settings, String key, long dflt, long max) {
    String v = settings.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "setting " + key + " must be a whole number from 1 to " + max + ", not '" + v + "'");
  }

  /** Checks one value's size. */
  void checkValue(String key, byte[] value) throws KvException {
    if (value.length > maxValueBytes) {
      throw KvException.other(
          "value of key '"
              + key
              + "' is "
              + value.length
              + " bytes, over the limit of "
              + maxValueBytes
              + " bytes");
    }
  }
}
