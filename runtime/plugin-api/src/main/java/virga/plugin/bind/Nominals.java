package virga.plugin.bind;

import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import virga.component.TrapException;
import virga.component.types.ResourceType;
import virga.component.values.Value;

/** Converters of the named WIT types: records, variants, enums, flags and resource handles. */
final class Nominals {
  private Nominals() {}

  /**
   * A record as a Java record: {@code accessors} read the components (each typed {@code
   * (Object)Object}), {@code constructor} is the canonical one spread over an {@code Object[]}.
   */
  record RecordOf(
      String[] fields, Converter[] converters, MethodHandle[] accessors, MethodHandle constructor)
      implements Converter {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      Value.Field[] out = new Value.Field[fields.length];
      for (int i = 0; i < out.length; i++) {
        out[i] =
            new Value.Field(fields[i], converters[i].lower(Invoke.get(accessors[i], java), scope));
      }
      return new Value.RecordValue(Arrays.asList(out));
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      Value.RecordValue r = (Value.RecordValue) value;
      Object[] args = new Object[fields.length];
      for (int i = 0; i < args.length; i++) {
        Value.Field f = r.fields().get(i);
        args[i] = converters[i].lift(f.value(), scope);
      }
      return Invoke.construct(constructor, args);
    }
  }

  /**
   * One case of a variant: its record class, with a payload converter, accessor and one-argument
   * constructor, or (no payload) the one instance used for every lift.
   */
  record Case(
      String name,
      int index,
      Class<?> type,
      Converter payload,
      MethodHandle accessor,
      MethodHandle constructor,
      Object singleton) {}

  /** A variant as a sealed interface whose permitted records are the cases. */
  record VariantOf(Case[] cases, Map<Class<?>, Case> byClass, Map<String, Case> byName)
      implements Converter {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      Case c = byClass.get(java.getClass());
      if (c == null) {
        throw new TrapException("no variant case for " + java.getClass().getName());
      }
      Value payload =
          c.payload == null ? null : c.payload.lower(Invoke.get(c.accessor, java), scope);
      return new Value.VariantValue(c.name, c.index, payload);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      Value.VariantValue v = (Value.VariantValue) value;
      int i = v.caseIndex();
      Case c =
          i >= 0 && i < cases.length && cases[i].name.equals(v.caseName())
              ? cases[i]
              : byName.get(v.caseName());
      if (c == null) {
        throw new TrapException("no variant case " + v.caseName());
      }
      if (c.payload == null) {
        return c.singleton;
      }
      return Invoke.construct(c.constructor, new Object[] {c.payload.lift(v.payload(), scope)});
    }
  }

  /**
   * An enum as a Java enum: {@code values} by constant ordinal, {@code constants} by WIT index,
   * {@code byLabel} for values whose index is unknown.
   */
  record EnumOf(Value.EnumValue[] values, Enum<?>[] constants, Map<String, Enum<?>> byLabel)
      implements Converter {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      return values[((Enum<?>) java).ordinal()];
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      Value.EnumValue e = (Value.EnumValue) value;
      int i = e.index();
      if (i >= 0
          && i < constants.length
          && values[constants[i].ordinal()].label().equals(e.label())) {
        return constants[i];
      }
      Enum<?> c = byLabel.get(e.label());
      if (c == null) {
        throw new TrapException("no enum case " + e.label());
      }
      return c;
    }
  }

  /** Flags as a {@code Set} of a Java enum: {@code labels} by constant ordinal. */
  record FlagsOf(Class<? extends Enum<?>> type, String[] labels, Map<String, Enum<?>> byLabel)
      implements Converter {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      Set<String> set = new LinkedHashSet<>();
      for (Object e : (Set<?>) java) {
        set.add(labels[((Enum<?>) e).ordinal()]);
      }
      return new Value.FlagsValue(set);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object lift(Value value, ResourceScope scope) {
      EnumSet set = EnumSet.noneOf((Class) type);
      for (String l : ((Value.FlagsValue) value).labels()) {
        Enum<?> c = byLabel.get(l);
        if (c == null) {
          throw new TrapException("no flag " + l);
        }
        set.add(c);
      }
      return set;
    }
  }

  /**
   * An {@code own} or {@code borrow} handle as the plugin's object of {@code javaType}. When {@code
   * tracked}, an own handle handed to the guest wraps the object in a {@link Handle} of the
   * instance's {@link ResourceScope}; otherwise (a resource of another package, such as a {@code
   * wasi:io} stream) the object is the rep as it is.
   */
  record HandleOf(ResourceType type, Class<?> javaType, boolean own, boolean tracked)
      implements Converter {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      if (java == null) {
        throw new TrapException("a null " + type.name() + " resource");
      }
      Object rep = tracked ? scope.track(java, type.name()) : java;
      return own ? Value.own(type, rep) : Value.borrow(type, rep);
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      Object rep = value instanceof Value.Own o ? o.rep() : ((Value.Borrow) value).rep();
      Object target;
      if (rep instanceof Handle h) {
        // an own parameter moves the resource out of the guest: the plugin owns it again
        target = own && value instanceof Value.Own ? h.release() : h.target();
      } else {
        target = rep;
      }
      if (!javaType.isInstance(target)) {
        throw new TrapException(
            "resource "
                + type.name()
                + " holds a "
                + target.getClass().getName()
                + ", not a "
                + javaType.getName());
      }
      return target;
    }
  }
}
