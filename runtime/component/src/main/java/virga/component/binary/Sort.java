package virga.component.binary;

/** The kinds of index space in a component: the core sorts, then the component sorts. */
public enum Sort {
  CORE_FUNC("core func"),
  CORE_TABLE("core table"),
  CORE_MEMORY("core memory"),
  CORE_GLOBAL("core global"),
  CORE_TYPE("core type"),
  CORE_MODULE("core module"),
  CORE_INSTANCE("core instance"),
  FUNC("func"),
  VALUE("value"),
  TYPE("type"),
  COMPONENT("component"),
  INSTANCE("instance");

  private final String text;

  Sort(String text) {
    this.text = text;
  }

  /** True for the core sorts. */
  public boolean isCore() {
    return ordinal() <= CORE_INSTANCE.ordinal();
  }

  @Override
  public String toString() {
    return text;
  }

  /** Reads a {@code core:sort} byte. */
  static Sort readCore(ByteReader in) {
    int at = in.position();
    int b = in.u8();
    return switch (b) {
      case 0x00 -> CORE_FUNC;
      case 0x01 -> CORE_TABLE;
      case 0x02 -> CORE_MEMORY;
      case 0x03 -> CORE_GLOBAL;
      case 0x10 -> CORE_TYPE;
      case 0x11 -> CORE_MODULE;
      case 0x12 -> CORE_INSTANCE;
      default -> throw in.error(String.format("unknown core sort 0x%02x", b), at);
    };
  }

  /** Reads a {@code sort}: 0x00 followed by a core sort, or a component sort byte. */
  static Sort read(ByteReader in) {
    int at = in.position();
    int b = in.u8();
    return switch (b) {
      case 0x00 -> readCore(in);
      case 0x01 -> FUNC;
      case 0x02 -> VALUE;
      case 0x03 -> TYPE;
      case 0x04 -> COMPONENT;
      case 0x05 -> INSTANCE;
      default -> throw in.error(String.format("unknown sort 0x%02x", b), at);
    };
  }
}
