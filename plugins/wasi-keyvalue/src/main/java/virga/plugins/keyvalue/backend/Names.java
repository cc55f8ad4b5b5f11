package virga.plugins.keyvalue.backend;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The bucket-name and key rules shared by every backend, so that a guest gets the same answer on
 * each. Bucket names follow JetStream's KV rule (the strictest backend): 1 to 64 characters of
 * {@code A-Z a-z 0-9 _ -}. Keys are any non-empty text of at most 1024 UTF-8 bytes; backends whose
 * store refuses some characters escape them ({@link #escapeKey}).
 */
public final class Names {
  /** Longest bucket name a guest may use. */
  public static final int MAX_BUCKET_LENGTH = 64;

  /** Longest key, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 1024;

  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9_-]+");

  private Names() {}

  /** Checks a guest's bucket name. */
  public static void checkBucket(String bucket) throws KvException {
    if (bucket.isEmpty()
        || bucket.length() > MAX_BUCKET_LENGTH
        || !BUCKET.matcher(bucket).matches()) {
      throw KvException.other(
          "invalid bucket name '"
              + bucket
              + "': use 1 to "
              + MAX_BUCKET_LENGTH
              + " characters of A-Z, a-z, 0-9, '_' and '-'");
    }
  }

  /** Checks a guest's key. */
  public static void checkKey(String key) throws KvException {
    if (key.isEmpty()) {
      throw KvException.other("invalid key: a key must not be empty");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw KvException.other("invalid key: longer than " + MAX_KEY_BYTES + " bytes");
    }
  }

  /**
   * {@code key} with every UTF-8 byte outside {@code A-Z a-z 0-9 - _} and the characters of {@code
   * alsoAllowed} written {@code =HH} (and {@code =} itself, the escape character); a leading {@code
   * .} is escaped too (hidden files, and JetStream refuses it). A key already valid stays as is, so
   * data other hosts wrote with plain keys is found.
   */
  public static String escapeKey(String key, String alsoAllowed) {
    StringBuilder sb = new StringBuilder(key.length());
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean plain =
          (b >= 'a' && b <= 'z')
              || (b >= 'A' && b <= 'Z')
              || (b >= '0' && b <= '9')
              || b == '-'
              || b == '_'
              || (b < 0x80 && b != '=' && alsoAllowed.indexOf(b) >= 0);
      boolean edgeDot = b == '.' && (i == 0 || i == bytes.length - 1);
      if (plain && !edgeDot) {
        sb.append((char) b);
      } else {
        sb.append('=').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  /** The inverse of {@link #escapeKey}. */
  public static String unescapeKey(String stored) {
    if (stored.indexOf('=') < 0) {
      return stored;
    }
    byte[] out = new byte[stored.length()];
    int n = 0;
    for (int i = 0; i < stored.length(); i++) {
      char c = stored.charAt(i);
      if (c == '=' && i + 2 < stored.length()) {
        out[n++] = (byte) Integer.parseInt(stored.substring(i + 1, i + 3), 16);
        i += 2;
      } else {
        out[n++] = (byte) c;
      }
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
