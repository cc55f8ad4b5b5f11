package virga.component.badinput;

import java.util.ArrayList;
import java.util.List;

/** The top-level sections of a well-formed component, for cutting and patching seeds. */
record SectionMap(List<SectionMap.Section> sections) {

  /** One section: its id, where its header and its content start, and where it ends. */
  record Section(int id, int headerStart, int contentStart, int end) {}

  /** Walks the sections after the 8-byte preamble; {@code bytes} must be well formed. */
  static SectionMap of(byte[] bytes) {
    List<Section> out = new ArrayList<>();
    int pos = 8;
    while (pos < bytes.length) {
      int header = pos;
      int id = bytes[pos++] & 0xff;
      long size = 0;
      for (int shift = 0; ; shift += 7) {
        int b = bytes[pos++] & 0xff;
        size |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          break;
        }
      }
      out.add(new Section(id, header, pos, pos + (int) size));
      pos += (int) size;
    }
    return new SectionMap(List.copyOf(out));
  }

  /** True when a prefix of {@code length} bytes ends exactly between two sections. */
  boolean isBoundary(int length) {
    return length == 8 || sections.stream().anyMatch(s -> s.end() == length);
  }

  /**
   * The seed with section {@code s} cut to its first {@code keep} content bytes, its size patched
   * so that only the content is truncated.
   */
  static byte[] truncateContent(byte[] seed, Section s, int keep) {
    return new Bytes()
        .bytes(java.util.Arrays.copyOfRange(seed, 0, s.headerStart()))
        .u8(s.id())
        .u32(keep)
        .bytes(java.util.Arrays.copyOfRange(seed, s.contentStart(), s.contentStart() + keep))
        .bytes(java.util.Arrays.copyOfRange(seed, s.end(), seed.length))
        .toBytes();
  }
}
