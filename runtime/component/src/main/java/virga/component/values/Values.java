package virga.component.values;

import java.util.List;
import virga.component.types.ValType;
import virga.component.types.ValType.BorrowType;
import virga.component.types.ValType.EnumType;
import virga.component.types.ValType.FlagsType;
import virga.component.types.ValType.ListType;
import virga.component.types.ValType.OptionType;
import virga.component.types.ValType.OwnType;
import virga.component.types.ValType.Primitive;
import virga.component.types.ValType.RecordType;
import virga.component.types.ValType.ResultType;
import virga.component.types.ValType.TupleType;
import virga.component.types.ValType.VariantType;

/** Checks {@link Value}s against {@link ValType}s and names types and values in messages. */
public final class Values {
  private Values() {}

  /**
   * Checks that {@code value} is a value of {@code type}, recursively.
   *
   * @throws ValueTypeException naming the path to the first mismatch, e.g. {@code "at
   *     .items[2].name: expected string, got U32[value=5]"}
   */
  public static void typeCheck(ValType type, Value value) {
    check(type, value, "");
  }

  /** The WIT spelling of a type, for messages: {@code list<option<u32>>}. */
  public static String describe(ValType type) {
    if (type instanceof Primitive p) {
      return p.witName();
    } else if (type instanceof ListType l) {
      return "list<" + describe(l.element()) + ">";
    } else if (type instanceof RecordType r) {
      return "record { "
          + String.join(
              ", ", r.fields().stream().map(f -> f.name() + ": " + describe(f.type())).toList())
          + " }";
    } else if (type instanceof TupleType t) {
      return "tuple<" + String.join(", ", t.types().stream().map(Values::describe).toList()) + ">";
    } else if (type instanceof VariantType v) {
      return "variant { "
          + String.join(
              ", ",
              v.cases().stream()
                  .map(c -> c.type() == null ? c.name() : c.name() + "(" + describe(c.type()) + ")")
                  .toList())
          + " }";
    } else if (type instanceof EnumType e) {
      return "enum { " + String.join(", ", e.labels()) + " }";
    } else if (type instanceof OptionType o) {
      return "option<" + describe(o.type()) + ">";
    } else if (type instanceof ResultType r) {
      return "result<"
          + (r.ok() == null ? "_" : describe(r.ok()))
          + ", "
          + (r.err() == null ? "_" : describe(r.err()))
          + ">";
    } else if (type instanceof FlagsType f) {
      return "flags { " + String.join(", ", f.labels()) + " }";
    } else if (type instanceof OwnType o) {
      return "own<" + o.resource().name() + ">";
    } else {
      return "borrow<" + ((BorrowType) type).resource().name() + ">";
    }
  }

  private static void check(ValType type, Value value, String path) {
    if (value == null) {
      throw mismatch(type, null, path);
    }
    if (type instanceof Primitive p) {
      checkPrimitive(p, value, path);
    } else if (type instanceof ListType l) {
      if (!(value instanceof Value.ListValue list)) {
        throw mismatch(type, value, path);
      }
      List<Value> els = list.elements();
      for (int i = 0; i < els.size(); i++) {
        check(l.element(), els.get(i), path + "[" + i + "]");
      }
    } else if (type instanceof RecordType r) {
      if (!(value instanceof Value.RecordValue rec) || rec.fields().size() != r.fields().size()) {
        throw mismatch(type, value, path);
      }
      for (int i = 0; i < r.fields().size(); i++) {
        ValType.Field f = r.fields().get(i);
        Value.Field vf = rec.fields().get(i);
        if (!f.name().equals(vf.name())) {
          throw new ValueTypeException(
              at(path) + "expected field " + f.name() + " at position " + i + ", got " + vf.name());
        }
        check(f.type(), vf.value(), path + "." + f.name());
      }
    } else if (type instanceof TupleType t) {
      if (!(value instanceof Value.TupleValue tup) || tup.elements().size() != t.types().size()) {
        throw mismatch(type, value, path);
      }
      for (int i = 0; i < t.types().size(); i++) {
        check(t.types().get(i), tup.elements().get(i), path + "." + i);
      }
    } else if (type instanceof VariantType v) {
      if (!(value instanceof Value.VariantValue vv)) {
        throw mismatch(type, value, path);
      }
      int idx = caseIndex(v, vv);
      checkPayload(v.cases().get(idx).type(), vv.payload(), path + "::" + vv.caseName());
    } else if (type instanceof EnumType e) {
      if (!(value instanceof Value.EnumValue ev)) {
        throw mismatch(type, value, path);
      }
      enumIndex(e, ev);
    } else if (type instanceof OptionType o) {
      if (!(value instanceof Value.OptionValue ov)) {
        throw mismatch(type, value, path);
      }
      if (ov.value() != null) {
        check(o.type(), ov.value(), path + "?");
      }
    } else if (type instanceof ResultType r) {
      if (!(value instanceof Value.ResultValue rv)) {
        throw mismatch(type, value, path);
      }
      checkPayload(
          rv.isOk() ? r.ok() : r.err(), rv.payload(), path + (rv.isOk() ? "::ok" : "::err"));
    } else if (type instanceof FlagsType f) {
      if (!(value instanceof Value.FlagsValue fv)) {
        throw mismatch(type, value, path);
      }
      for (String label : fv.labels()) {
        if (!f.labels().contains(label)) {
          throw new ValueTypeException(at(path) + "unknown flag " + label + " for " + describe(f));
        }
      }
    } else if (type instanceof OwnType o) {
      if (!(value instanceof Value.Own own) || own.type() != o.resource()) {
        throw mismatch(type, value, path);
      }
    } else if (type instanceof BorrowType b) {
      if (!(value instanceof Value.Borrow br) || br.type() != b.resource()) {
        throw mismatch(type, value, path);
      }
    }
  }

  /**
   * The index of a variant value's case in its type: its own index when it names the same case,
   * otherwise looked up by name.
   *
   * @throws ValueTypeException when the type has no case of that name
   */
  public static int caseIndex(VariantType type, Value.VariantValue value) {
    int i = value.caseIndex();
    List<ValType.Case> cases = type.cases();
    if (i >= 0 && i < cases.size() && cases.get(i).name().equals(value.caseName())) {
      return i;
    }
    for (int j = 0; j < cases.size(); j++) {
      if (cases.get(j).name().equals(value.caseName())) {
        return j;
      }
    }
    throw new ValueTypeException("unknown case " + value.caseName() + " for " + describe(type));
  }

  /**
   * The index of an enum value's label in its type.
   *
   * @throws ValueTypeException when the type has no such label
   */
  public static int enumIndex(EnumType type, Value.EnumValue value) {
    int i = value.index();
    List<String> labels = type.labels();
    if (i >= 0 && i < labels.size() && labels.get(i).equals(value.label())) {
      return i;
    }
    int j = labels.indexOf(value.label());
    if (j < 0) {
      throw new ValueTypeException("unknown enum case " + value.label() + " for " + describe(type));
    }
    return j;
  }

  private static void checkPayload(ValType payloadType, Value payload, String path) {
    if (payloadType == null) {
      if (payload != null) {
        throw new ValueTypeException(at(path) + "case has no payload, got " + payload);
      }
    } else {
      if (payload == null) {
        throw new ValueTypeException(
            at(path) + "case needs a payload of type " + describe(payloadType));
      }
      check(payloadType, payload, path);
    }
  }

  private static void checkPrimitive(Primitive p, Value v, String path) {
    boolean ok =
        switch (p) {
          case BOOL -> v instanceof Value.Bool;
          case S8 -> v instanceof Value.S8;
          case U8 -> v instanceof Value.U8;
          case S16 -> v instanceof Value.S16;
          case U16 -> v instanceof Value.U16;
          case S32 -> v instanceof Value.S32;
          case U32 -> v instanceof Value.U32;
          case S64 -> v instanceof Value.S64;
          case U64 -> v instanceof Value.U64;
          case F32 -> v instanceof Value.F32;
          case F64 -> v instanceof Value.F64;
          case CHAR -> v instanceof Value.Char;
          case STRING -> v instanceof Value.Str;
        };
    if (!ok) {
      throw mismatch(p, v, path);
    }
  }

  /** The exception for a value that is not of the expected type. */
  public static ValueTypeException mismatch(ValType expected, Value got, String path) {
    return new ValueTypeException(at(path) + "expected " + describe(expected) + ", got " + got);
  }

  private static String at(String path) {
    return path.isEmpty() ? "" : "at " + path + ": ";
  }
}
