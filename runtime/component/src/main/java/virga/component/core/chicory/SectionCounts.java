package virga.component.core.chicory;

import virga.component.MalformedComponentException;

/**
 * A pre-parse scan of a core module's section headers: every section must fit in the module, and
 * every vector section's element count must fit in its section (each element takes at least one
 * byte). Chicory 1.7.5 allocates arrays of the declared count before reading the elements, so a
 * hostile count would otherwise become an {@link OutOfMemoryError}.
 */
final class SectionCounts {
  private static final int HEADER = 8;

  private SectionCounts() {}

  /** Throws {@link MalformedComponentException} ("invalid core module: ...") on a violation. */
  static void check(byte[] wasm, String section) {
    int pos = HEADER;
    while (pos < wasm.length) {
      int id = wasm[pos++] & 0xff;
      long[] size = leb(wasm, pos, section);
      pos = (int) size[1];
      if (size[0] > wasm.length - pos) {
        throw malformed(
            "section "
                + id
                + " declares "
                + size[0]
                + " bytes, but only "
                + (wasm.length - pos)
                + " remain",
            pos,
            section);
      }
      int end = pos + (int) size[0];
      if (isVectorSection(id) && size[0] > 0) {
        long[] count = leb(wasm, pos, section);
        long room = end - count[1];
        if (count[0] > room) {
          throw malformed(
              "section " + id + " declares " + count[0] + " entries in " + room + " bytes",
              pos,
              section);
        }
      }
      pos = end;
    }
  }

  // type, import, function, table, memory, global, export, element, code, data, tag
  private static boolean isVectorSection(int id) {
    return (id >= 1 && id <= 7) || id == 9 || id == 10 || id == 11 || id == 13;
  }

  /** An unsigned LEB128 u32 at {@code pos}: {value, position after it}. */
  private static long[] leb(byte[] wasm, int pos, String section) {
    long value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (pos >= wasm.length) {
        throw malformed("unexpected end of the module in a section header", pos, section);
      }
      int b = wasm[pos++] & 0xff;
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return new long[] {value, pos};
      }
    }
    throw malformed("invalid LEB128 in a section header", pos, section);
  }

  private static MalformedComponentException malformed(String message, int at, String section) {
    return new MalformedComponentException("invalid core module: " + message, at, section);
  }
}
