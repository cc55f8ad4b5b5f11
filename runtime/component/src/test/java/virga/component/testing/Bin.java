package virga.component.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A test-only byte sink that writes the LEB128, names and sections of the wasm binary formats. */
public final class Bin {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public static Bin of(int... bytes) {
    return new Bin().u8(bytes);
  }

  public Bin u8(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  public Bin u32(long v) {
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return this;
  }

  public Bin name(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    u32(b.length);
    return bytes(b);
  }

  public Bin bytes(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  public Bin bytes(Bin b) {
    return bytes(b.toBytes());
  }

  /** A section: id, byte size, content. */
  public Bin section(int id, Bin content) {
    byte[] c = content.toBytes();
    u8(id).u32(c.length);
    return bytes(c);
  }

  /** A vector section: id, size, count, then the items already concatenated in {@code items}. */
  public Bin vecSection(int id, int count, Bin items) {
    return section(id, new Bin().u32(count).bytes(items));
  }

  public byte[] toBytes() {
    return out.toByteArray();
  }

  public int size() {
    return out.size();
  }

  /** The component preamble: magic, version 0x0d, layer 1. */
  public static Bin component() {
    return of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00);
  }

  /** The core module preamble. */
  public static Bin coreModule() {
    return of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
  }
}
