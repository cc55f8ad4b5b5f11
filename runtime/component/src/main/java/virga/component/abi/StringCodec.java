package virga.component.abi;

import virga.component.TrapException;
import virga.component.values.ValueTypeException;

/**
 * Strict UTF-8, UTF-16LE and Latin-1 conversion between guest bytes and Java strings. Decoding
 * traps on malformed guest input (overlong forms, surrogates, unpaired UTF-16 surrogates); encoding
 * rejects a Java string holding an unpaired surrogate, which is not a valid component-model string.
 */
final class StringCodec {
  private StringCodec() {}

  static String decodeLatin1(byte[] b) {
    return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  static String decodeUtf8(byte[] b) {
    int n = b.length;
    int i = 0;
    while (i < n && b[i] >= 0) {
      i++;
    }
    if (i == n) {
      // all ASCII: the JDK's Latin-1 path builds a compact string without decoding
      return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    char[] out = new char[n];
    for (int k = 0; k < i; k++) {
      out[k] = (char) b[k];
    }
    int o = i;
    while (i < n) {
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        out[o++] = (char) c;
        i++;
      } else if (c >= 0xC2 && c <= 0xDF) {
        int c1 = cont(b, i + 1);
        out[o++] = (char) (((c & 0x1F) << 6) | c1);
        i += 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        int c1 = cont(b, i + 1);
        int c2 = cont(b, i + 2);
        int cp = ((c & 0x0F) << 12) | (c1 << 6) | c2;
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) {
          throw badUtf8(i);
        }
        out[o++] = (char) cp;
        i += 3;
      } else if (c >= 0xF0 && c <= 0xF4) {
        int c1 = cont(b, i + 1);
        int c2 = cont(b, i + 2);
        int c3 = cont(b, i + 3);
        int cp = ((c & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
        if (cp < 0x10000 || cp > 0x10FFFF) {
          throw badUtf8(i);
        }
        out[o++] = Character.highSurrogate(cp);
        out[o++] = Character.lowSurrogate(cp);
        i += 4;
      } else {
        throw badUtf8(i);
      }
    }
    return new String(out, 0, o);
  }

  private static int cont(byte[] b, int i) {
    if (i >= b.length || (b[i] & 0xC0) != 0x80) {
      throw badUtf8(i);
    }
    return b[i] & 0x3F;
  }

  private static TrapException badUtf8(int at) {
    return new TrapException("canonical ABI: invalid UTF-8 in string at byte " + at);
  }

  static String decodeUtf16(byte[] b) {
    int n = b.length / 2;
    char[] out = new char[n];
    for (int k = 0; k < n; k++) {
      out[k] = (char) ((b[2 * k] & 0xFF) | ((b[2 * k + 1] & 0xFF) << 8));
    }
    checkPairs(out, n);
    return new String(out);
  }

  private static void checkPairs(char[] s, int n) {
    for (int k = 0; k < n; k++) {
      char c = s[k];
      if (Character.isHighSurrogate(c)) {
        if (k + 1 < n && Character.isLowSurrogate(s[k + 1])) {
          k++;
          continue;
        }
        throw new TrapException("canonical ABI: unpaired UTF-16 surrogate at code unit " + k);
      }
      if (Character.isLowSurrogate(c)) {
        throw new TrapException("canonical ABI: unpaired UTF-16 surrogate at code unit " + k);
      }
    }
  }

  /** Rejects a host string with an unpaired surrogate. */
  static void checkHostString(String s) {
    int n = s.length();
    for (int k = 0; k < n; k++) {
      char c = s.charAt(k);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && k + 1 < n
            && Character.isLowSurrogate(s.charAt(k + 1))) {
          k++;
          continue;
        }
        throw new ValueTypeException("string has an unpaired surrogate at index " + k);
      }
    }
  }

  /** UTF-8 bytes of a host string; rejects unpaired surrogates. */
  static byte[] encodeUtf8(String s) {
    int n = s.length();
    int len = 0;
    for (int k = 0; k < n; k++) {
      char c = s.charAt(k);
      if (c < 0x80) {
        len++;
      } else if (c < 0x800) {
        len += 2;
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && k + 1 < n
            && Character.isLowSurrogate(s.charAt(k + 1))) {
          len += 4;
          k++;
        } else {
          throw new ValueTypeException("string has an unpaired surrogate at index " + k);
        }
      } else {
        len += 3;
      }
    }
    if (len == n) {
      return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    // validated above, so the JDK encoder will not substitute anything
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** UTF-16LE bytes of a host string (validated by the caller). */
  static byte[] encodeUtf16(String s) {
    int n = s.length();
    byte[] out = new byte[2 * n];
    for (int k = 0; k < n; k++) {
      char c = s.charAt(k);
      out[2 * k] = (byte) c;
      out[2 * k + 1] = (byte) (c >>> 8);
    }
    return out;
  }

  /** The number of leading chars below 256 (storable as Latin-1). */
  static int latin1Prefix(String s) {
    int n = s.length();
    int k = 0;
    while (k < n && s.charAt(k) < 0x100) {
      k++;
    }
    return k;
  }
}
