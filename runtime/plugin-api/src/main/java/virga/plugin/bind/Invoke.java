package virga.plugin.bind;

import java.lang.invoke.MethodHandle;
import virga.component.TrapException;

/** Calls the precomputed record accessors and constructors, turning failures into traps. */
final class Invoke {
  private Invoke() {}

  /** {@code accessor}, typed {@code (Object)Object}, applied to {@code target}. */
  static Object get(MethodHandle accessor, Object target) {
    try {
      return (Object) accessor.invokeExact(target);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new TrapException("record accessor failed: " + t, t);
    }
  }

  /** {@code constructor}, typed {@code (Object[])Object}, applied to {@code args}. */
  static Object construct(MethodHandle constructor, Object[] args) {
    try {
      return (Object) constructor.invokeExact(args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new TrapException("record constructor failed: " + t, t);
    }
  }
}
