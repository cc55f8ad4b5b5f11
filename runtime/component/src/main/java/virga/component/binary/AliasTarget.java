package virga.component.binary;

/** What an alias points at. */
public sealed interface AliasTarget {
  /** {@code export i n}: export {@code name} of component instance {@code instance}. */
  record InstanceExport(int instance, String name) implements AliasTarget {}

  /** {@code core export i n}: export {@code name} of core instance {@code instance}. */
  record CoreInstanceExport(int instance, String name) implements AliasTarget {}

  /** {@code outer ct idx}: item {@code index} of the component {@code count} levels out. */
  record Outer(int count, int index) implements AliasTarget {}

  static AliasTarget read(ByteReader in) {
    int at = in.position();
    int b = in.u8();
    return switch (b) {
      case 0x00 -> new InstanceExport(in.index(), in.name());
      case 0x01 -> new CoreInstanceExport(in.index(), in.name());
      case 0x02 -> new Outer(in.index(), in.index());
      default -> throw in.error(String.format("unknown alias target 0x%02x", b), at);
    };
  }
}
