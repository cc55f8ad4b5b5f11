package virga.component.badinput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random mutations of a valid component: bit flips, interesting bytes, truncation, chunk
 * duplication and deletion, section-size tweaks. Deterministic for a given {@link Random}; every
 * mutation applied is recorded in {@link #log} so a failure can be explained.
 */
final class Mutator {
  private static final int[] INTERESTING = {0x00, 0x01, 0x3f, 0x40, 0x7f, 0x80, 0xff};

  /** Larger inputs are not grown further, so a mutant never needs much memory. */
  private static final int MAX_SIZE = 4 * 1024 * 1024;

  private final Random rnd;
  private final List<String> log = new ArrayList<>();

  Mutator(Random rnd) {
    this.rnd = rnd;
  }

  /** What was applied, in order. */
  List<String> log() {
    return log;
  }

  /** One to four mutations of {@code seed}; section-aware ones first, while the map still holds. */
  byte[] mutate(byte[] seed) {
    byte[] b = seed;
    if (rnd.nextInt(4) == 0) {
      b = sectionSize(b);
    }
    int n = 1 + rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      b =
          switch (rnd.nextInt(6)) {
            case 0 -> bitFlip(b);
            case 1, 2 -> interesting(b);
            case 3 -> truncate(b);
            case 4 -> duplicate(b);
            default -> delete(b);
          };
    }
    return b;
  }

  /**
   * Mutates one top-level core module of {@code component} with {@link #mutate} and re-encodes that
   * section's size, so the component layer stays intact and the core engine sees the damage.
   * Components without a top-level core module are mutated as a whole.
   */
  byte[] mutateCoreModule(byte[] component) {
    List<SectionMap.Section> modules =
        SectionMap.of(component).sections().stream().filter(s -> s.id() == 1).toList();
    if (modules.isEmpty()) {
      return mutate(component);
    }
    SectionMap.Section s = modules.get(rnd.nextInt(modules.size()));
    log.add("core module @" + s.contentStart() + ":");
    byte[] module = mutate(Arrays.copyOfRange(component, s.contentStart(), s.end()));
    return new Bytes()
        .bytes(Arrays.copyOf(component, s.headerStart()))
        .u8(1)
        .u32(module.length)
        .bytes(module)
        .bytes(Arrays.copyOfRange(component, s.end(), component.length))
        .toBytes();
  }

  /** A position, biased towards the first bytes of sections where the structure lives. */
  private int position(byte[] b) {
    if (b.length <= 8 || rnd.nextBoolean()) {
      return rnd.nextInt(Math.max(1, b.length));
    }
    return 8 + rnd.nextInt(Math.min(b.length - 8, 256));
  }

  private byte[] bitFlip(byte[] b) {
    if (b.length == 0) {
      return b;
    }
    byte[] out = b.clone();
    int at = position(b);
    int bit = rnd.nextInt(8);
    out[at] ^= (byte) (1 << bit);
    log.add("flip bit " + bit + " @" + at);
    return out;
  }

  private byte[] interesting(byte[] b) {
    if (b.length == 0) {
      return b;
    }
    byte[] out = b.clone();
    int at = position(b);
    int v = INTERESTING[rnd.nextInt(INTERESTING.length)];
    out[at] = (byte) v;
    log.add(String.format("set 0x%02x @%d", v, at));
    return out;
  }

  private byte[] truncate(byte[] b) {
    int len = rnd.nextInt(b.length + 1);
    log.add("truncate to " + len);
    return Arrays.copyOf(b, len);
  }

  private byte[] duplicate(byte[] b) {
    if (b.length == 0 || b.length > MAX_SIZE) {
      return b;
    }
    int from = rnd.nextInt(b.length);
    int len = 1 + rnd.nextInt(Math.min(64, b.length - from));
    int to = rnd.nextInt(b.length + 1);
    log.add("copy " + len + " bytes @" + from + " to @" + to);
    return new Bytes()
        .bytes(Arrays.copyOf(b, to))
        .bytes(Arrays.copyOfRange(b, from, from + len))
        .bytes(Arrays.copyOfRange(b, to, b.length))
        .toBytes();
  }

  private byte[] delete(byte[] b) {
    if (b.length == 0) {
      return b;
    }
    int from = rnd.nextInt(b.length);
    int len = 1 + rnd.nextInt(Math.min(64, b.length - from));
    log.add("delete " + len + " bytes @" + from);
    return new Bytes()
        .bytes(Arrays.copyOf(b, from))
        .bytes(Arrays.copyOfRange(b, from + len, b.length))
        .toBytes();
  }

  /** Re-encodes one top-level section size: off by a little, huge, or overlong but equal. */
  private byte[] sectionSize(byte[] b) {
    List<SectionMap.Section> sections = SectionMap.of(b).sections();
    if (sections.isEmpty()) {
      return b;
    }
    SectionMap.Section s = sections.get(rnd.nextInt(sections.size()));
    long size = s.end() - s.contentStart();
    Bytes leb = new Bytes();
    switch (rnd.nextInt(4)) {
      case 0 -> leb.u32(Math.max(0, size + rnd.nextInt(7) - 3));
      case 1 -> leb.u32(0xffffffffL - rnd.nextInt(2) * 0x80000000L);
      case 2 ->
          leb.u8(
              0x80 | (int) (size & 0x7f),
              0x80 | (int) (size >> 7 & 0x7f),
              0x80,
              0x80,
              (int) (size >> 21 & 0x7f));
      default -> leb.u8(0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
    }
    byte[] encoded = leb.toBytes();
    log.add("section @" + s.headerStart() + " size -> " + hex(encoded));
    return new Bytes()
        .bytes(Arrays.copyOf(b, s.headerStart() + 1))
        .bytes(encoded)
        .bytes(Arrays.copyOfRange(b, s.contentStart(), b.length))
        .toBytes();
  }

  static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length * 2);
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }
}
