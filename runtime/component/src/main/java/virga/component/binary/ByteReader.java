package virga.component.binary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import virga.component.MalformedComponentException;

/**
 * A bounds-checked cursor over the outermost binary. Positions are absolute, so every error names
 * the offset in the file the user gave us, even inside nested components.
 */
final class ByteReader {
  private final byte[] bytes;
  private final int end;
  private final String section;
  private int pos;

  ByteReader(byte[] bytes, int start, int end, String section) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.section = section;
  }

  int position() {
    return pos;
  }

  int end() {
    return end;
  }

  String section() {
    return section;
  }

  boolean atEnd() {
    return pos >= end;
  }

  int remaining() {
    return end - pos;
  }

  /** A reader over the next {@code length} bytes, for {@code section}; advances past them. */
  ByteReader sub(int length, String subSection) {
    ensure(length);
    ByteReader r = new ByteReader(bytes, pos, pos + length, subSection);
    pos += length;
    return r;
  }

  MalformedComponentException error(String message) {
    return error(message, pos);
  }

  MalformedComponentException error(String message, long at) {
    return new MalformedComponentException(message, at, section);
  }

  private void ensure(long n) {
    if (n < 0 || n > remaining()) {
      throw error("unexpected end of data: need " + n + " bytes, " + remaining() + " left");
    }
  }

  int peek() {
    ensure(1);
    return bytes[pos] & 0xff;
  }

  int u8() {
    ensure(1);
    return bytes[pos++] & 0xff;
  }

  /** Expects {@code expected} next, naming {@code what} otherwise. */
  void expect(int expected, String what) {
    int at = pos;
    int b = u8();
    if (b != expected) {
      throw error(
          String.format("invalid %s: expected 0x%02x, found 0x%02x", what, expected, b), at);
    }
  }

  /** An unsigned LEB128 u32; overlong encodings (more than 5 bytes) and overflow are errors. */
  int u32() {
    int start = pos;
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift >= 35) {
        throw error("invalid LEB128: u32 is longer than 5 bytes", start);
      }
      int b = u8();
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        if (shift == 28 && (b & 0x70) != 0) {
          throw error("invalid LEB128: u32 overflows 32 bits", start);
        }
        return (int) result;
      }
    }
  }

  /** A u32 that must fit a Java int (indices, counts and lengths). */
  int index() {
    int start = pos;
    int v = u32();
    if (v < 0) {
      throw error("index or length " + Integer.toUnsignedString(v) + " is too large", start);
    }
    return v;
  }

  /** Skips an unsigned LEB128 of at most {@code maxBytes} bytes (u64 limits of memory64). */
  void skipLeb(int maxBytes) {
    int start = pos;
    for (int i = 0; ; i++) {
      if (i >= maxBytes) {
        throw error("invalid LEB128: longer than " + maxBytes + " bytes", start);
      }
      if ((u8() & 0x80) == 0) {
        return;
      }
    }
  }

  /** A signed LEB128 s33 (value types): negative opcodes or non-negative type indices. */
  long s33() {
    int start = pos;
    long result = 0;
    int shift = 0;
    int b;
    do {
      if (shift >= 35) {
        throw error("invalid LEB128: s33 is longer than 5 bytes", start);
      }
      b = u8();
      result |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    if (shift == 35) {
      // the last byte carries bits 28..34; bits 33 and up must all equal the sign bit 32
      int top = (b >> 4) & 0x7;
      if (top != 0 && top != 0x7) {
        throw error("invalid LEB128: s33 overflows 33 bits", start);
      }
    }
    if (shift < 64 && (b & 0x40) != 0) {
      result |= -1L << shift;
    }
    return result;
  }

  /** A vector length; bounded by the bytes left, since each element takes at least one byte. */
  int count(String what) {
    int start = pos;
    int n = index();
    if (n > remaining()) {
      throw error(
          what + " count " + n + " exceeds the " + remaining() + " bytes left in the section",
          start);
    }
    return n;
  }

  byte[] bytes(int length) {
    ensure(length);
    byte[] out = Arrays.copyOfRange(bytes, pos, pos + length);
    pos += length;
    return out;
  }

  /** A length-prefixed, strictly valid UTF-8 name. */
  String name() {
    int start = pos;
    int len = index();
    ensure(len);
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, pos, len))
              .toString();
      pos += len;
      return s;
    } catch (CharacterCodingException e) {
      throw error("name is not valid UTF-8", start);
    }
  }

  /** Fails unless every byte of this reader was consumed. */
  void expectEnd(String what) {
    if (pos != end) {
      throw error(what + " has " + remaining() + " unexpected trailing bytes");
    }
  }

  /** The absolute byte range [start, end) of the whole binary, for nested components. */
  byte[] whole() {
    return bytes;
  }
}
