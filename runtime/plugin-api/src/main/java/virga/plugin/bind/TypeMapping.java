package virga.plugin.bind;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import virga.component.types.ResourceType;
import virga.component.types.ValType;
import virga.component.values.Value;
import virga.plugin.Result;

/**
 * Checks a declared Java type against a WIT type under the typed-bindings convention and builds the
 * {@link Converter} between them, or says why they do not fit.
 */
final class TypeMapping {
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private final Supplier<TypeNames> names;
  private final Set<ResourceType> tracked;
  private final Map<List<Object>, Converter> cache = new HashMap<>();

  /**
   * A mapping that spells expected types with {@code names} (built on the first error) and wraps
   * own handles of the {@code tracked} resources (identity set) in {@link Handle}s.
   */
  TypeMapping(Supplier<TypeNames> names, Set<ResourceType> tracked) {
    this.names = names;
    this.tracked = tracked;
  }

  /**
   * The converter between {@code wit} and {@code java}; {@code top} is true for a method parameter
   * or result and a record component, where a scalar is the primitive (or its box).
   */
  Converter match(ValType wit, Type java, boolean top) throws Mismatch {
    List<Object> key = List.of(wit, java, top);
    Converter c = cache.get(key);
    if (c == null) {
      c = build(wit, java, top);
      cache.put(key, c);
    }
    return c;
  }

  private Converter build(ValType wit, Type java, boolean top) throws Mismatch {
    if (wit instanceof ValType.Primitive p) {
      if (java == JavaTypes.boxed(p) || (top && java == JavaTypes.primitive(p))) {
        return Scalars.of(p);
      }
      throw mismatch(wit, java, top);
    }
    if (wit instanceof ValType.ListType l) {
      if (l.element() == ValType.Primitive.U8) {
        if (java == byte[].class) {
          return Scalars.BYTES;
        }
        throw mismatch(wit, java, top);
      }
      return new Composites.ListOf(match(l.element(), typeArgs(wit, java, List.class)[0], false));
    }
    if (wit instanceof ValType.OptionType o) {
      return new Composites.OptionOf(
          match(o.type(), typeArgs(wit, java, Optional.class)[0], false));
    }
    if (wit instanceof ValType.ResultType r) {
      Type[] args = typeArgs(wit, java, Result.class);
      return new Composites.ResultOf(side(r.ok(), args[0]), side(r.err(), args[1]));
    }
    if (wit instanceof ValType.TupleType t) {
      return tuple(t, java);
    }
    if (wit instanceof ValType.RecordType r) {
      return record(r, java);
    }
    if (wit instanceof ValType.VariantType v) {
      return variant(v, java);
    }
    if (wit instanceof ValType.EnumType e) {
      return enumeration(e, java);
    }
    if (wit instanceof ValType.FlagsType f) {
      return flags(f, java);
    }
    ResourceType rt =
        wit instanceof ValType.OwnType o ? o.resource() : ((ValType.BorrowType) wit).resource();
    if (!(java instanceof Class<?> c) || c.isPrimitive() || c.isArray()) {
      throw mismatch(wit, java, top);
    }
    return new Nominals.HandleOf(
        rt,
        c,
        wit instanceof ValType.OwnType,
        wit instanceof ValType.OwnType && tracked.contains(rt));
  }

  private Converter side(ValType wit, Type java) throws Mismatch {
    if (wit == null) {
      if (java != Void.class) {
        throw new Mismatch("expected Void for `_`, found " + TypeNames.java(java));
      }
      return null;
    }
    return match(wit, java, false);
  }

  private Converter tuple(ValType.TupleType t, Type java) throws Mismatch {
    if (t.types().size() == 2) {
      Type[] args = typeArgs(t, java, Map.Entry.class);
      return new Composites.Pair(
          match(t.types().get(0), args[0], false), match(t.types().get(1), args[1], false));
    }
    if (typeArgs(t, java, List.class)[0] != Object.class) {
      throw mismatch(t, java, true);
    }
    Converter[] elements = new Converter[t.types().size()];
    for (int i = 0; i < elements.length; i++) {
      elements[i] = erased(t.types().get(i), t.types().size());
    }
    return new Composites.Tuple(elements);
  }

  /** An element of a {@code List<Object>} tuple: the Java type follows from the WIT type alone. */
  private Converter erased(ValType wit, int size) throws Mismatch {
    if (wit instanceof ValType.Primitive p) {
      return Scalars.of(p);
    }
    if (wit instanceof ValType.ListType l) {
      return l.element() == ValType.Primitive.U8
          ? Scalars.BYTES
          : new Composites.ListOf(erased(l.element(), size));
    }
    if (wit instanceof ValType.OptionType o) {
      return new Composites.OptionOf(erased(o.type(), size));
    }
    if (wit instanceof ValType.ResultType r) {
      return new Composites.ResultOf(
          r.ok() == null ? null : erased(r.ok(), size),
          r.err() == null ? null : erased(r.err(), size));
    }
    if (wit instanceof ValType.TupleType t) {
      Converter[] es = new Converter[t.types().size()];
      for (int i = 0; i < es.length; i++) {
        es[i] = erased(t.types().get(i), size);
      }
      return es.length == 2 ? new Composites.Pair(es[0], es[1]) : new Composites.Tuple(es);
    }
    if (wit instanceof ValType.OwnType || wit instanceof ValType.BorrowType) {
      return build(wit, Object.class, false);
    }
    throw new Mismatch(
        "a tuple of "
            + size
            + " elements is a List<Object>, which cannot carry "
            + names.get().expected(wit, false)
            + " (records, variants, enums and flags need their Java class)");
  }

  private Converter record(ValType.RecordType r, Type java) throws Mismatch {
    if (!(java instanceof Class<?> c) || !c.isRecord()) {
      throw mismatch(r, java, true);
    }
    RecordComponent[] comps = c.getRecordComponents();
    String where = "record " + c.getSimpleName();
    if (comps.length != r.fields().size()) {
      throw new Mismatch(
          where + " has " + comps.length + " components, the WIT record " + r.fields().size());
    }
    String[] fields = new String[comps.length];
    Converter[] converters = new Converter[comps.length];
    MethodHandle[] accessors = new MethodHandle[comps.length];
    Class<?>[] types = new Class<?>[comps.length];
    for (int i = 0; i < comps.length; i++) {
      ValType.Field f = r.fields().get(i);
      String name = JavaNames.lowerCamel(f.name());
      if (!comps[i].getName().equals(name)) {
        throw new Mismatch(
            where
                + ": component "
                + (i + 1)
                + " is `"
                + comps[i].getName()
                + "`, expected `"
                + name
                + "`");
      }
      try {
        converters[i] = match(f.type(), comps[i].getGenericType(), true);
      } catch (Mismatch m) {
        throw m.at(where + "." + name);
      }
      fields[i] = f.name();
      types[i] = comps[i].getType();
      accessors[i] =
          unreflect(comps[i].getAccessor())
              .asType(MethodType.methodType(Object.class, Object.class));
    }
    return new Nominals.RecordOf(fields, converters, accessors, constructor(c, types));
  }

  private Converter variant(ValType.VariantType v, Type java) throws Mismatch {
    if (!(java instanceof Class<?> c) || !c.isInterface() || !c.isSealed()) {
      throw mismatch(v, java, true);
    }
    String where = "variant " + c.getSimpleName();
    Map<String, Class<?>> permitted = new LinkedHashMap<>();
    for (Class<?> p : c.getPermittedSubclasses()) {
      permitted.put(p.getSimpleName(), p);
    }
    Nominals.Case[] cases = new Nominals.Case[v.cases().size()];
    Map<Class<?>, Nominals.Case> byClass = new HashMap<>();
    Map<String, Nominals.Case> byName = new HashMap<>();
    for (int i = 0; i < cases.length; i++) {
      ValType.Case vc = v.cases().get(i);
      String name = JavaNames.upperCamel(vc.name());
      Class<?> rc = permitted.remove(name);
      if (rc == null || !rc.isRecord()) {
        throw new Mismatch(where + " permits no record " + name + " for case " + vc.name());
      }
      RecordComponent[] comps = rc.getRecordComponents();
      int want = vc.type() == null ? 0 : 1;
      if (comps.length != want) {
        throw new Mismatch(
            where + ": record " + name + " has " + comps.length + " components, expected " + want);
      }
      Nominals.Case kase;
      if (want == 0) {
        Object singleton = Invoke.construct(constructor(rc, new Class<?>[0]), new Object[0]);
        kase = new Nominals.Case(vc.name(), i, rc, null, null, null, singleton);
      } else {
        Converter payload;
        try {
          payload = match(vc.type(), comps[0].getGenericType(), true);
        } catch (Mismatch m) {
          throw m.at(where + "." + name);
        }
        MethodHandle accessor =
            unreflect(comps[0].getAccessor())
                .asType(MethodType.methodType(Object.class, Object.class));
        kase =
            new Nominals.Case(
                vc.name(),
                i,
                rc,
                payload,
                accessor,
                constructor(rc, new Class<?>[] {comps[0].getType()}),
                null);
      }
      cases[i] = kase;
      byClass.put(rc, kase);
      byName.put(vc.name(), kase);
    }
    if (!permitted.isEmpty()) {
      throw new Mismatch(where + " permits " + permitted.keySet() + ", which are no cases");
    }
    return new Nominals.VariantOf(cases, Map.copyOf(byClass), Map.copyOf(byName));
  }

  private Converter enumeration(ValType.EnumType e, Type java) throws Mismatch {
    if (!(java instanceof Class<?> c) || !c.isEnum()) {
      throw mismatch(e, java, true);
    }
    Map<String, Enum<?>> byLabel = labels(c, e.labels());
    Value.EnumValue[] values = new Value.EnumValue[byLabel.size()];
    Enum<?>[] constants = new Enum<?>[byLabel.size()];
    for (int i = 0; i < e.labels().size(); i++) {
      Enum<?> k = byLabel.get(e.labels().get(i));
      constants[i] = k;
      values[k.ordinal()] = new Value.EnumValue(e.labels().get(i), i);
    }
    return new Nominals.EnumOf(values, constants, byLabel);
  }

  @SuppressWarnings("unchecked")
  private Converter flags(ValType.FlagsType f, Type java) throws Mismatch {
    Type arg = typeArgs(f, java, Set.class)[0];
    if (!(arg instanceof Class<?> c) || !c.isEnum()) {
      throw mismatch(f, java, true);
    }
    Map<String, Enum<?>> byLabel = labels(c, f.labels());
    String[] labels = new String[byLabel.size()];
    byLabel.forEach((label, k) -> labels[k.ordinal()] = label);
    return new Nominals.FlagsOf((Class<? extends Enum<?>>) c, labels, byLabel);
  }

  /** The constants of enum {@code c} by WIT label; they must be the labels, UPPER_SNAKE. */
  private static Map<String, Enum<?>> labels(Class<?> c, List<String> labels) throws Mismatch {
    Map<String, Enum<?>> byName = new HashMap<>();
    for (Object k : c.getEnumConstants()) {
      byName.put(((Enum<?>) k).name(), (Enum<?>) k);
    }
    Map<String, Enum<?>> byLabel = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String l : labels) {
      Enum<?> k = byName.remove(JavaNames.upperSnake(l));
      if (k == null) {
        missing.add(JavaNames.upperSnake(l));
      } else {
        byLabel.put(l, k);
      }
    }
    if (!missing.isEmpty() || !byName.isEmpty()) {
      throw new Mismatch(
          "enum "
              + c.getSimpleName()
              + (missing.isEmpty() ? "" : " lacks " + missing)
              + (missing.isEmpty() || byName.isEmpty() ? "" : " and")
              + (byName.isEmpty()
                  ? ""
                  : " has " + new TreeSet<>(byName.keySet()) + " beyond the WIT"));
    }
    return byLabel;
  }

  /** The type arguments of {@code java}, which must be {@code raw<...>}. */
  private Type[] typeArgs(ValType wit, Type java, Class<?> raw) throws Mismatch {
    if (java instanceof ParameterizedType p && p.getRawType() == raw) {
      return p.getActualTypeArguments();
    }
    throw mismatch(wit, java, true);
  }

  private Mismatch mismatch(ValType wit, Type java, boolean top) {
    return new Mismatch(
        "expected " + names.get().expected(wit, top) + ", found " + TypeNames.java(java));
  }

  /** The canonical constructor of record {@code c}, typed {@code (Object[])Object}. */
  private static MethodHandle constructor(Class<?> c, Class<?>[] types) throws Mismatch {
    try {
      Constructor<?> k = c.getDeclaredConstructor(types);
      return unreflect(k)
          .asType(MethodType.genericMethodType(types.length))
          .asSpreader(Object[].class, types.length);
    } catch (NoSuchMethodException e) {
      throw new Mismatch("record " + c.getSimpleName() + " has no canonical constructor");
    }
  }

  /** A handle on {@code m} (a method or constructor), made accessible when it can be. */
  static MethodHandle unreflect(AccessibleObject m) throws Mismatch {
    m.trySetAccessible();
    try {
      return m instanceof Method method
          ? LOOKUP.unreflect(method)
          : LOOKUP.unreflectConstructor((Constructor<?>) m);
    } catch (IllegalAccessException e) {
      throw new Mismatch(m + " is not accessible to typed bindings: make it public");
    }
  }
}
