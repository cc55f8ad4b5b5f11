package virga.plugin.bind;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import virga.component.TrapException;
import virga.component.values.Value;
import virga.plugin.Result;

/** Converters of the generic WIT types: list, option, result and tuple. */
final class Composites {
  private Composites() {}

  /** {@code list<T>} as {@code List<T>}. */
  record ListOf(Converter element) implements Converter {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      List<?> l = (List<?>) java;
      Value[] out = new Value[l.size()];
      int i = 0;
      for (Object e : l) {
        out[i++] = element.lower(e, scope);
      }
      return new Value.ListValue(Arrays.asList(out));
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      List<Value> es = ((Value.ListValue) value).elements();
      Object[] out = new Object[es.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = element.lift(es.get(i), scope);
      }
      return Collections.unmodifiableList(Arrays.asList(out));
    }
  }

  /** {@code option<T>} as {@code Optional<T>}. */
  record OptionOf(Converter some) implements Converter {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      Optional<?> o = (Optional<?>) java;
      return o.isPresent() ? Value.some(some.lower(o.get(), scope)) : Value.none();
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      Value v = ((Value.OptionValue) value).value();
      return v == null ? Optional.empty() : Optional.of(some.lift(v, scope));
    }
  }

  /** {@code result<T, E>} as {@link Result}; a null converter stands for {@code _}. */
  record ResultOf(Converter ok, Converter err) implements Converter {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      Result<?, ?> r = (Result<?, ?>) java;
      if (r.isOk()) {
        return ok == null ? Value.ok() : Value.ok(ok.lower(payload(r.value(), "ok"), scope));
      }
      return err == null ? Value.err() : Value.err(err.lower(payload(r.error(), "err"), scope));
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      Value.ResultValue r = (Value.ResultValue) value;
      if (r.isOk()) {
        return ok == null ? Result.ok() : Result.ok(ok.lift(r.payload(), scope));
      }
      return err == null ? Result.err(null) : Result.err(err.lift(r.payload(), scope));
    }

    private static Object payload(Object p, String side) {
      if (p == null) {
        throw new TrapException("a Result." + side + " without the payload the WIT result has");
      }
      return p;
    }
  }

  /** {@code tuple<A, B>} as {@code Map.Entry<A, B>}. */
  record Pair(Converter key, Converter value) implements Converter {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      Map.Entry<?, ?> e = (Map.Entry<?, ?>) java;
      return new Value.TupleValue(
          List.of(key.lower(e.getKey(), scope), value.lower(e.getValue(), scope)));
    }

    @Override
    public Object lift(Value v, ResourceScope scope) {
      List<Value> es = ((Value.TupleValue) v).elements();
      return new AbstractMap.SimpleImmutableEntry<>(
          key.lift(es.get(0), scope), value.lift(es.get(1), scope));
    }
  }

  /** Any other tuple as {@code List<Object>}. */
  record Tuple(Converter[] elements) implements Converter {
    @Override
    public Value lower(Object java, ResourceScope scope) {
      List<?> l = (List<?>) java;
      if (l.size() != elements.length) {
        throw new TrapException(
            "a List of " + l.size() + " for a tuple of " + elements.length + " elements");
      }
      Value[] out = new Value[elements.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = elements[i].lower(l.get(i), scope);
      }
      return new Value.TupleValue(Arrays.asList(out));
    }

    @Override
    public Object lift(Value value, ResourceScope scope) {
      List<Value> es = ((Value.TupleValue) value).elements();
      Object[] out = new Object[elements.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = elements[i].lift(es.get(i), scope);
      }
      return Collections.unmodifiableList(Arrays.asList(out));
    }
  }
}
