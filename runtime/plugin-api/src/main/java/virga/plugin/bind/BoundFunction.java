package virga.plugin.bind;

import java.lang.invoke.MethodHandle;
import virga.component.TrapException;
import virga.component.runtime.ComponentFunction;
import virga.component.types.FuncType;
import virga.component.values.Value;

/**
 * The glue of one WIT function, built once: converters per parameter and for the result around the
 * plugin's method, a handle typed {@code (Object[])Object}.
 */
final class BoundFunction {
  private final String name;
  private final FuncType type;
  private final Converter[] params;
  private final Converter result;
  private final MethodHandle method;

  /**
   * The glue for {@code name} ({@code iface#func}, for traps) of {@code type}; {@code result} is
   * null when the function returns nothing.
   */
  BoundFunction(
      String name, FuncType type, Converter[] params, Converter result, MethodHandle method) {
    this.name = name;
    this.type = type;
    this.params = params;
    this.result = result;
    this.method = method;
  }

  FuncType type() {
    return type;
  }

  /** Lifts {@code args}, calls the plugin, lowers its result; a failure traps the guest. */
  Value call(Value[] args, ResourceScope scope) {
    if (args.length != params.length) {
      throw new TrapException(name + ": " + args.length + " arguments for " + params.length);
    }
    Object[] java = new Object[params.length];
    for (int i = 0; i < java.length; i++) {
      java[i] = convert(params[i], args[i], scope, i);
    }
    Object r;
    try {
      r = (Object) method.invokeExact(java);
    } catch (TrapException e) {
      throw e;
    } catch (Error e) {
      throw e;
    } catch (Throwable t) {
      throw new TrapException(name + ": " + t, t);
    }
    if (result == null) {
      return null;
    }
    try {
      return result.lower(r, scope);
    } catch (TrapException e) {
      throw new TrapException(name + " returned an unusable result: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new TrapException(name + " returned an unusable result: " + e, e);
    }
  }

  private Object convert(Converter c, Value v, ResourceScope scope, int i) {
    try {
      return c.lift(v, scope);
    } catch (RuntimeException e) {
      throw new TrapException(
          name + ": argument " + type.params().get(i).name() + " does not fit: " + e.getMessage(),
          e);
    }
  }

  /** This glue as a component function whose resources live in {@code scope}. */
  ComponentFunction in(ResourceScope scope) {
    return new ComponentFunction() {
      @Override
      public FuncType type() {
        return type;
      }

      @Override
      public Value call(Value... args) {
        return BoundFunction.this.call(args, scope);
      }
    };
  }
}
