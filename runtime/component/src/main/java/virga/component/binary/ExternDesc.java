package virga.component.binary;

/** What an import or export is: the {@code externdesc} of the binary format. */
public sealed interface ExternDesc {
  /** The index space an item of this description lands in. */
  Sort sort();

  /** {@code (core module (type i))}. */
  record CoreModule(int coreType) implements ExternDesc {
    @Override
    public Sort sort() {
      return Sort.CORE_MODULE;
    }
  }

  /** {@code (func (type i))}. */
  record Func(int type) implements ExternDesc {
    @Override
    public Sort sort() {
      return Sort.FUNC;
    }
  }

  /** {@code (value t)} or {@code (value (eq i))}: exactly one of the two is set. */
  record Value(ValTypeRef type, Integer eqValue) implements ExternDesc {
    @Override
    public Sort sort() {
      return Sort.VALUE;
    }
  }

  /** {@code (type (eq i))} when {@code eq} is set, else {@code (type (sub resource))}. */
  record Type(Integer eq) implements ExternDesc {
    @Override
    public Sort sort() {
      return Sort.TYPE;
    }
  }

  /** {@code (component (type i))}. */
  record Component(int type) implements ExternDesc {
    @Override
    public Sort sort() {
      return Sort.COMPONENT;
    }
  }

  /** {@code (instance (type i))}. */
  record Instance(int type) implements ExternDesc {
    @Override
    public Sort sort() {
      return Sort.INSTANCE;
    }
  }

  static ExternDesc read(ByteReader in) {
    int at = in.position();
    int b = in.u8();
    return switch (b) {
      case 0x00 -> {
        in.expect(0x11, "core module extern descriptor");
        yield new CoreModule(in.index());
      }
      case 0x01 -> new Func(in.index());
      case 0x02 -> readValue(in);
      case 0x03 -> readTypeBound(in);
      case 0x04 -> new Component(in.index());
      case 0x05 -> new Instance(in.index());
      default -> throw in.error(String.format("unknown extern descriptor 0x%02x", b), at);
    };
  }

  private static ExternDesc readValue(ByteReader in) {
    int at = in.position();
    int b = in.u8();
    return switch (b) {
      case 0x00 -> new Value(null, in.index());
      case 0x01 -> new Value(ValTypeRef.read(in), null);
      default -> throw in.error(String.format("unknown value bound 0x%02x", b), at);
    };
  }

  private static ExternDesc readTypeBound(ByteReader in) {
    int at = in.position();
    int b = in.u8();
    return switch (b) {
      case 0x00 -> new Type(in.index());
      case 0x01 -> new Type(null);
      default -> throw in.error(String.format("unknown type bound 0x%02x", b), at);
    };
  }
}
