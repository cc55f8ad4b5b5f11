package virga.component.badinput;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A tiny builder for hand-made (and deliberately broken) component binaries. */
final class Bytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static Bytes of(int... bytes) {
    return new Bytes().u8(bytes);
  }

  /** The component preamble: magic, version 0x0d, layer 1. */
  static Bytes component() {
    return of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00);
  }

  /** The core module preamble: magic, version 1, layer 0. */
  static Bytes coreModule() {
    return of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
  }

  Bytes u8(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  /** An unsigned LEB128 of the shortest form. */
  Bytes u32(long v) {
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return this;
  }

  /** A length-prefixed UTF-8 name. */
  Bytes name(String s) {
    return name(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A length-prefixed name of raw (possibly invalid UTF-8) bytes. */
  Bytes name(byte[] raw) {
    u32(raw.length);
    out.writeBytes(raw);
    return this;
  }

  Bytes bytes(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  Bytes bytes(Bytes b) {
    return bytes(b.toBytes());
  }

  /** A section: id, its byte size, then {@code content}. */
  Bytes section(int id, Bytes content) {
    byte[] c = content.toBytes();
    u8(id).u32(c.length);
    return bytes(c);
  }

  /** A vector section: id, size, {@code count}, then the already-concatenated items. */
  Bytes vec(int id, int count, Bytes items) {
    return section(id, new Bytes().u32(count).bytes(items));
  }

  int size() {
    return out.size();
  }

  byte[] toBytes() {
    return out.toByteArray();
  }
}
