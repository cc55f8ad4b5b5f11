package virga.plugin.bind;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.StringJoiner;
import virga.component.types.FuncType;
import virga.component.types.ValType;
import virga.component.wit.WitAst;
import virga.component.wit.WitTypes;

/**
 * Spells types for registration errors: the Java type the convention expects for a WIT type ({@code
 * Result<List<Map.Entry<String,String>>,Error>}) and a Java type as declared.
 */
final class TypeNames {
  // Resolved WIT types carry no names; the resolver hands out one object per named definition.
  private final Map<ValType, String> names = new IdentityHashMap<>();

  TypeNames(WitTypes types) {
    for (String iface : types.interfaces()) {
      types
          .syntax(iface)
          .types()
          .forEach(
              (name, def) -> {
                if (def instanceof WitAst.Record
                    || def instanceof WitAst.Variant
                    || def instanceof WitAst.Enum
                    || def instanceof WitAst.Flags) {
                  names.putIfAbsent(types.type(iface, name), name);
                }
              });
    }
  }

  /** {@code getAll(): Result<...>}: the method the convention expects for {@code type}. */
  String signature(String method, FuncType type) {
    StringJoiner params = new StringJoiner(",", method + "(", ")");
    for (FuncType.Param p : type.params()) {
      params.add(expected(p.type(), true));
    }
    return params + ": " + (type.result() == null ? "void" : expected(type.result(), true));
  }

  /** The Java type for {@code t}; {@code top} positions take primitives, others their boxes. */
  String expected(ValType t, boolean top) {
    if (t instanceof ValType.Primitive p) {
      return (top ? JavaTypes.primitive(p) : JavaTypes.boxed(p)).getSimpleName();
    }
    if (t instanceof ValType.ListType l) {
      return l.element() == ValType.Primitive.U8
          ? "byte[]"
          : "List<" + expected(l.element(), false) + ">";
    }
    if (t instanceof ValType.OptionType o) {
      return "Optional<" + expected(o.type(), false) + ">";
    }
    if (t instanceof ValType.ResultType r) {
      return "Result<" + side(r.ok()) + "," + side(r.err()) + ">";
    }
    if (t instanceof ValType.TupleType tu) {
      return tu.types().size() == 2
          ? "Map.Entry<"
              + expected(tu.types().get(0), false)
              + ","
              + expected(tu.types().get(1), false)
              + ">"
          : "List<Object>";
    }
    if (t instanceof ValType.FlagsType) {
      return "Set<" + named(t) + ">";
    }
    if (t instanceof ValType.OwnType o) {
      return JavaNames.upperCamel(o.resource().name());
    }
    if (t instanceof ValType.BorrowType b) {
      return JavaNames.upperCamel(b.resource().name());
    }
    return named(t);
  }

  private String side(ValType t) {
    return t == null ? "Void" : expected(t, false);
  }

  private String named(ValType t) {
    String n = names.get(t);
    return n == null ? "?" : JavaNames.upperCamel(n);
  }

  /** A declared Java type, spelled like {@link #expected}. */
  static String java(Type t) {
    if (t instanceof Class<?> c) {
      if (c.isArray()) {
        return java(c.getComponentType()) + "[]";
      }
      return c == Map.Entry.class ? "Map.Entry" : c.getSimpleName();
    }
    if (t instanceof ParameterizedType p) {
      StringJoiner args = new StringJoiner(",", java(p.getRawType()) + "<", ">");
      for (Type a : p.getActualTypeArguments()) {
        args.add(java(a));
      }
      return args.toString();
    }
    if (t instanceof GenericArrayType g) {
      return java(g.getGenericComponentType()) + "[]";
    }
    if (t instanceof WildcardType w) {
      if (w.getLowerBounds().length > 0) {
        return "? super " + java(w.getLowerBounds()[0]);
      }
      Type upper = w.getUpperBounds()[0];
      return upper == Object.class ? "?" : "? extends " + java(upper);
    }
    return t.getTypeName();
  }

  /** {@code name(A,B): R} for a declared method. */
  static String java(java.lang.reflect.Method m) {
    StringJoiner params = new StringJoiner(",", m.getName() + "(", ")");
    for (Type p : m.getGenericParameterTypes()) {
      params.add(java(p));
    }
    return params + ": " + java(m.getGenericReturnType());
  }
}
