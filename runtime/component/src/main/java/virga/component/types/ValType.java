package virga.component.types;

import java.util.List;
import java.util.Objects;

/**
 * A resolved component-model value type: what the canonical ABI lifts and lowers.
 *
 * <p>The binary format refers to types by index; instantiation resolves those indices into this
 * tree, so the ABI and the value model never see an index space.
 */
public sealed interface ValType
    permits ValType.Primitive,
        ValType.ListType,
        ValType.RecordType,
        ValType.TupleType,
        ValType.VariantType,
        ValType.EnumType,
        ValType.OptionType,
        ValType.ResultType,
        ValType.FlagsType,
        ValType.OwnType,
        ValType.BorrowType {

  /** The scalar types and string. */
  enum Primitive implements ValType {
    BOOL("bool"),
    S8("s8"),
    U8("u8"),
    S16("s16"),
    U16("u16"),
    S32("s32"),
    U32("u32"),
    S64("s64"),
    U64("u64"),
    F32("f32"),
    F64("f64"),
    CHAR("char"),
    STRING("string");

    private final String witName;

    Primitive(String witName) {
      this.witName = witName;
    }

    /** The name as written in WIT. */
    public String witName() {
      return witName;
    }
  }

  /** {@code list<element>}. */
  record ListType(ValType element) implements ValType {
    public ListType {
      Objects.requireNonNull(element, "element");
    }
  }

  /** A named field of a record. */
  record Field(String name, ValType type) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /** {@code record { fields }}; at least one field. */
  record RecordType(List<Field> fields) implements ValType {
    public RecordType {
      fields = List.copyOf(fields);
    }
  }

  /** {@code tuple<types>}. */
  record TupleType(List<ValType> types) implements ValType {
    public TupleType {
      types = List.copyOf(types);
    }
  }

  /** A case of a variant; {@code type} is null for a case without payload. */
  record Case(String name, ValType type) {
    public Case {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code variant { cases }}. */
  record VariantType(List<Case> cases) implements ValType {
    public VariantType {
      cases = List.copyOf(cases);
    }
  }

  /** {@code enum { labels }}. */
  record EnumType(List<String> labels) implements ValType {
    public EnumType {
      labels = List.copyOf(labels);
    }
  }

  /** {@code option<type>}. */
  record OptionType(ValType type) implements ValType {
    public OptionType {
      Objects.requireNonNull(type, "type");
    }
  }

  /** {@code result<ok, err>}; either side may be null (no payload). */
  record ResultType(ValType ok, ValType err) implements ValType {}

  /** {@code flags { labels }}; any number of labels (more than 32 spill into several i32s). */
  record FlagsType(List<String> labels) implements ValType {
    public FlagsType {
      labels = List.copyOf(labels);
    }
  }

  /** {@code own<resource>}. */
  record OwnType(ResourceType resource) implements ValType {
    public OwnType {
      Objects.requireNonNull(resource, "resource");
    }
  }

  /** {@code borrow<resource>}. */
  record BorrowType(ResourceType resource) implements ValType {
    public BorrowType {
      Objects.requireNonNull(resource, "resource");
    }
  }
}
