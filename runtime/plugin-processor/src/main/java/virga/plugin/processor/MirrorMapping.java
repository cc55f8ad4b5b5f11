package virga.plugin.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import virga.component.types.ValType;
import virga.plugin.Result;
import virga.plugin.bind.Convention;

/**
 * Checks a declared Java type (a {@link TypeMirror}) against a WIT type under the typed-bindings
 * convention: the compile-time twin of {@code virga.plugin.bind.TypeMapping}, with its rules in its
 * order and its reasons word for word, so that a class this accepts registers and a class it
 * refuses fails registration with the same line.
 */
final class MirrorMapping {
  private final Convention convention;

  MirrorMapping(Convention convention) {
    this.convention = convention;
  }

  /**
   * Checks {@code java} against {@code wit}; {@code top} is true for a method parameter or result
   * and a record component, where a scalar is the primitive (or its box).
   *
   * @throws Unresolved when a type involved is not resolved yet
   */
  void match(ValType wit, TypeMirror java, boolean top) throws Mismatch {
    if (java.getKind() == TypeKind.ERROR) {
      throw new Unresolved();
    }
    if (wit instanceof ValType.Primitive p) {
      if (is(java, Convention.boxedType(p)) || (top && is(java, Convention.javaType(p)))) {
        return;
      }
      throw mismatch(wit, java, top);
    }
    if (wit instanceof ValType.ListType l) {
      if (l.element() == ValType.Primitive.U8) {
        if (is(java, byte[].class)) {
          return;
        }
        throw mismatch(wit, java, top);
      }
      match(l.element(), typeArgs(wit, java, List.class).get(0), false);
    } else if (wit instanceof ValType.OptionType o) {
      match(o.type(), typeArgs(wit, java, Optional.class).get(0), false);
    } else if (wit instanceof ValType.ResultType r) {
      List<? extends TypeMirror> args = typeArgs(wit, java, Result.class);
      side(r.ok(), args.get(0));
      side(r.err(), args.get(1));
    } else if (wit instanceof ValType.TupleType t) {
      tuple(t, java);
    } else if (wit instanceof ValType.RecordType r) {
      record(r, java);
    } else if (wit instanceof ValType.VariantType v) {
      variant(v, java);
    } else if (wit instanceof ValType.EnumType e) {
      enumeration(e, java);
    } else if (wit instanceof ValType.FlagsType f) {
      flags(f, java);
    } else if (plain(java) == null) {
      // own or borrow: any class or interface of the plugin's choosing, not generic
      throw mismatch(wit, java, top);
    }
  }

  private void side(ValType wit, TypeMirror java) throws Mismatch {
    if (wit == null) {
      if (!is(java, Void.class)) {
        throw new Mismatch("expected Void for `_`, found " + MirrorNames.java(java));
      }
      return;
    }
    match(wit, java, false);
  }

  private void tuple(ValType.TupleType t, TypeMirror java) throws Mismatch {
    if (t.types().size() == 2) {
      List<? extends TypeMirror> args = typeArgs(t, java, Map.Entry.class);
      match(t.types().get(0), args.get(0), false);
      match(t.types().get(1), args.get(1), false);
      return;
    }
    if (!is(typeArgs(t, java, List.class).get(0), Object.class)) {
      throw mismatch(t, java, true);
    }
    for (ValType element : t.types()) {
      erased(element, t.types().size());
    }
  }

  /** An element of a {@code List<Object>} tuple: its Java type follows from the WIT type alone. */
  private void erased(ValType wit, int size) throws Mismatch {
    if (wit instanceof ValType.Primitive
        || wit instanceof ValType.OwnType
        || wit instanceof ValType.BorrowType) {
      return;
    }
    if (wit instanceof ValType.ListType l) {
      if (l.element() != ValType.Primitive.U8) {
        erased(l.element(), size);
      }
      return;
    }
    if (wit instanceof ValType.OptionType o) {
      erased(o.type(), size);
      return;
    }
    if (wit instanceof ValType.ResultType r) {
      if (r.ok() != null) {
        erased(r.ok(), size);
      }
      if (r.err() != null) {
        erased(r.err(), size);
      }
      return;
    }
    if (wit instanceof ValType.TupleType t) {
      for (ValType e : t.types()) {
        erased(e, size);
      }
      return;
    }
    throw new Mismatch(
        "a tuple of "
            + size
            + " elements is a List<Object>, which cannot carry "
            + convention.expected(wit, false)
            + " (records, variants, enums and flags need their Java class)");
  }

  private void record(ValType.RecordType r, TypeMirror java) throws Mismatch {
    TypeElement c = plain(java);
    if (c == null || c.getKind() != ElementKind.RECORD) {
      throw mismatch(r, java, true);
    }
    List<? extends RecordComponentElement> comps = c.getRecordComponents();
    String where = "record " + c.getSimpleName();
    if (comps.size() != r.fields().size()) {
      throw new Mismatch(
          where + " has " + comps.size() + " components, the WIT record " + r.fields().size());
    }
    for (int i = 0; i < comps.size(); i++) {
      ValType.Field f = r.fields().get(i);
      String name = Convention.componentName(f.name());
      if (!comps.get(i).getSimpleName().contentEquals(name)) {
        throw new Mismatch(
            where
                + ": component "
                + (i + 1)
                + " is `"
                + comps.get(i).getSimpleName()
                + "`, expected `"
                + name
                + "`");
      }
      try {
        match(f.type(), comps.get(i).asType(), true);
      } catch (Mismatch m) {
        throw m.at(where + "." + name);
      }
    }
  }

  private void variant(ValType.VariantType v, TypeMirror java) throws Mismatch {
    TypeElement c = plain(java);
    if (c == null || !c.getKind().isInterface() || !c.getModifiers().contains(Modifier.SEALED)) {
      throw mismatch(v, java, true);
    }
    String where = "variant " + c.getSimpleName();
    Map<String, TypeElement> permitted = new LinkedHashMap<>();
    for (TypeMirror p : c.getPermittedSubclasses()) {
      if (p.getKind() == TypeKind.ERROR) {
        throw new Unresolved();
      }
      TypeElement pe = (TypeElement) ((DeclaredType) p).asElement();
      permitted.put(pe.getSimpleName().toString(), pe);
    }
    for (ValType.Case vc : v.cases()) {
      String name = Convention.caseName(vc.name());
      TypeElement rc = permitted.remove(name);
      if (rc == null || rc.getKind() != ElementKind.RECORD) {
        throw new Mismatch(where + " permits no record " + name + " for case " + vc.name());
      }
      List<? extends RecordComponentElement> comps = rc.getRecordComponents();
      int want = vc.type() == null ? 0 : 1;
      if (comps.size() != want) {
        throw new Mismatch(
            where + ": record " + name + " has " + comps.size() + " components, expected " + want);
      }
      if (want == 1) {
        try {
          match(vc.type(), comps.get(0).asType(), true);
        } catch (Mismatch m) {
          throw m.at(where + "." + name);
        }
      }
    }
    if (!permitted.isEmpty()) {
      throw new Mismatch(where + " permits " + permitted.keySet() + ", which are no cases");
    }
  }

  private void enumeration(ValType.EnumType e, TypeMirror java) throws Mismatch {
    TypeElement c = plain(java);
    if (c == null || c.getKind() != ElementKind.ENUM) {
      throw mismatch(e, java, true);
    }
    labels(c, e.labels());
  }

  private void flags(ValType.FlagsType f, TypeMirror java) throws Mismatch {
    TypeMirror arg = typeArgs(f, java, Set.class).get(0);
    if (arg.getKind() == TypeKind.ERROR) {
      throw new Unresolved();
    }
    TypeElement c = plain(arg);
    if (c == null || c.getKind() != ElementKind.ENUM) {
      throw mismatch(f, java, true);
    }
    labels(c, f.labels());
  }

  /** The constants of enum {@code c} must be exactly {@code labels} in UPPER_SNAKE_CASE. */
  private static void labels(TypeElement c, List<String> labels) throws Mismatch {
    Set<String> constants = new LinkedHashSet<>();
    for (Element k : c.getEnclosedElements()) {
      if (k.getKind() == ElementKind.ENUM_CONSTANT) {
        constants.add(k.getSimpleName().toString());
      }
    }
    List<String> missing = new ArrayList<>();
    for (String l : labels) {
      if (!constants.remove(Convention.constantName(l))) {
        missing.add(Convention.constantName(l));
      }
    }
    if (!missing.isEmpty() || !constants.isEmpty()) {
      throw new Mismatch(
          "enum "
              + c.getSimpleName()
              + (missing.isEmpty() ? "" : " lacks " + missing)
              + (missing.isEmpty() || constants.isEmpty() ? "" : " and")
              + (constants.isEmpty()
                  ? ""
                  : " has " + new TreeSet<>(constants) + " beyond the WIT"));
    }
  }

  /** The type arguments of {@code java}, which must be {@code raw<...>}. */
  private List<? extends TypeMirror> typeArgs(ValType wit, TypeMirror java, Class<?> raw)
      throws Mismatch {
    if (java instanceof DeclaredType d
        && !d.getTypeArguments().isEmpty()
        && named(d, raw.getCanonicalName())) {
      return d.getTypeArguments();
    }
    throw mismatch(wit, java, true);
  }

  private Mismatch mismatch(ValType wit, TypeMirror java, boolean top) {
    return new Mismatch(
        "expected " + convention.expected(wit, top) + ", found " + MirrorNames.java(java));
  }

  /**
   * The class of {@code t} when reflection would see a {@code Class} that may be a record, enum,
   * interface or resource type: a declared type without type arguments; else null.
   */
  private static TypeElement plain(TypeMirror t) {
    return t instanceof DeclaredType d && d.getTypeArguments().isEmpty()
        ? (TypeElement) d.asElement()
        : null;
  }

  /** Whether {@code t} is the type reflection sees as {@code c} (exactly, not a subtype). */
  static boolean is(TypeMirror t, Class<?> c) {
    if (c.isPrimitive()) {
      return t.getKind() == TypeKind.valueOf(c.getName().toUpperCase(Locale.ROOT));
    }
    if (c.isArray()) {
      return t instanceof ArrayType a && is(a.getComponentType(), c.getComponentType());
    }
    return t instanceof DeclaredType d
        && d.getTypeArguments().isEmpty()
        && named(d, c.getCanonicalName());
  }

  private static boolean named(DeclaredType d, String qualified) {
    return ((TypeElement) d.asElement()).getQualifiedName().contentEquals(qualified);
  }
}
