package virga.component.binary;

import java.util.Objects;
import virga.component.types.ValType;

/** A {@code valtype} as written: a primitive, or an index into the type index space. */
public sealed interface ValTypeRef {

  /** A primitive value type written inline. */
  record Prim(ValType.Primitive type) implements ValTypeRef {
    public Prim {
      Objects.requireNonNull(type, "type");
    }
  }

  /** A reference to a defined value type by type index. */
  record Idx(int index) implements ValTypeRef {}

  /** The primitive for a {@code primvaltype} opcode, or null. */
  static ValType.Primitive primitive(int opcode) {
    return switch (opcode) {
      case 0x7f -> ValType.Primitive.BOOL;
      case 0x7e -> ValType.Primitive.S8;
      case 0x7d -> ValType.Primitive.U8;
      case 0x7c -> ValType.Primitive.S16;
      case 0x7b -> ValType.Primitive.U16;
      case 0x7a -> ValType.Primitive.S32;
      case 0x79 -> ValType.Primitive.U32;
      case 0x78 -> ValType.Primitive.S64;
      case 0x77 -> ValType.Primitive.U64;
      case 0x76 -> ValType.Primitive.F32;
      case 0x75 -> ValType.Primitive.F64;
      case 0x74 -> ValType.Primitive.CHAR;
      case 0x73 -> ValType.Primitive.STRING;
      default -> null;
    };
  }

  static ValTypeRef read(ByteReader in) {
    int at = in.position();
    ValType.Primitive p = primitive(in.peek());
    if (p != null) {
      in.u8();
      return new Prim(p);
    }
    long v = in.s33();
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw in.error("invalid value type: not a primitive and not a type index", at);
    }
    return new Idx((int) v);
  }

  /** Reads {@code valtype?}: 0x00 for none, 0x01 then a value type. */
  static ValTypeRef readOptional(ByteReader in) {
    int at = in.position();
    int b = in.u8();
    return switch (b) {
      case 0x00 -> null;
      case 0x01 -> read(in);
      default -> throw in.error(String.format("invalid optional value type 0x%02x", b), at);
    };
  }
}
