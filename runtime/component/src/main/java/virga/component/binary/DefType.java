package virga.component.binary;

import java.util.List;
import java.util.Objects;
import virga.component.types.ValType;

/** A component {@code deftype} as written: value types refer to other types by index. */
public sealed interface DefType {

  /** A labelled value type: a record field or a function parameter. */
  record Labeled(String label, ValTypeRef type) {
    public Labeled {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(type, "type");
    }
  }

  /** A variant case; {@code type} is null for a case without payload. */
  record Case(String label, ValTypeRef type) {}

  /** A primitive written as a type definition. */
  record Prim(ValType.Primitive type) implements DefType {}

  /** {@code record}. */
  record Record(List<Labeled> fields) implements DefType {
    public Record {
      fields = List.copyOf(fields);
    }
  }

  /** {@code variant}. */
  record Variant(List<Case> cases) implements DefType {
    public Variant {
      cases = List.copyOf(cases);
    }
  }

  /** {@code list<t>}. */
  record ListOf(ValTypeRef element) implements DefType {}

  /** {@code tuple<..>}. */
  record Tuple(List<ValTypeRef> types) implements DefType {
    public Tuple {
      types = List.copyOf(types);
    }
  }

  /** {@code flags}. */
  record Flags(List<String> labels) implements DefType {
    public Flags {
      labels = List.copyOf(labels);
    }
  }

  /** {@code enum}. */
  record Enum(List<String> labels) implements DefType {
    public Enum {
      labels = List.copyOf(labels);
    }
  }

  /** {@code option<t>}. */
  record Option(ValTypeRef type) implements DefType {}

  /** {@code result<ok, err>}; either may be null. */
  record Result(ValTypeRef ok, ValTypeRef err) implements DefType {}

  /** {@code own<i>} of resource type index {@code resource}. */
  record Own(int resource) implements DefType {}

  /** {@code borrow<i>}. */
  record Borrow(int resource) implements DefType {}

  /** A function type; {@code result} is null for no result. */
  record Func(List<Labeled> params, ValTypeRef result) implements DefType {
    public Func {
      params = List.copyOf(params);
    }
  }

  /** A component type: imports and exports declared against a fresh type index space. */
  record ComponentType(List<Decl> decls) implements DefType {
    public ComponentType {
      decls = List.copyOf(decls);
    }
  }

  /** An instance type: exports declared against a fresh type index space. */
  record InstanceType(List<Decl> decls) implements DefType {
    public InstanceType {
      decls = List.copyOf(decls);
    }
  }

  /** A resource definition with rep i32 and an optional destructor core function index. */
  record Resource(Integer destructor) implements DefType {}

  /** True for the types a {@code valtype} index may refer to. */
  default boolean isValueType() {
    return !(this instanceof Func
        || this instanceof ComponentType
        || this instanceof InstanceType
        || this instanceof Resource);
  }
}
