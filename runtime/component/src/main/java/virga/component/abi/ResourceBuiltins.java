package virga.component.abi;

import java.util.List;
import virga.component.TrapException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.core.CoreValType;
import virga.component.types.ResourceType;

/**
 * The resource built-ins a guest imports as core functions: {@code resource.new}, {@code
 * resource.rep} and {@code resource.drop}.
 */
public final class ResourceBuiltins {
  private static final CoreFuncType I32_TO_I32 =
      new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I32));
  private static final CoreFuncType I32_TO_NONE =
      new CoreFuncType(List.of(CoreValType.I32), List.of());
  private static final long[] NONE = new long[0];

  private ResourceBuiltins() {}

  /**
   * {@code canon resource.new rt}: {@code (rep: i32) -> handle: i32}, an own handle in {@code
   * inst}.
   */
  public static CoreFunction resourceNew(ComponentInstanceState inst, ResourceType rt) {
    return CoreFunction.host(
        I32_TO_I32,
        args -> {
          inst.checkLeave();
          return new long[] {inst.handles().insertOwn(rt, (int) args[0])};
        });
  }

  /** {@code canon resource.rep rt}: {@code (handle: i32) -> rep: i32}. */
  public static CoreFunction resourceRep(ComponentInstanceState inst, ResourceType rt) {
    return CoreFunction.host(
        I32_TO_I32,
        args -> {
          Object rep = inst.handles().rep((int) args[0], rt);
          if (!(rep instanceof Integer i)) {
            throw new TrapException(
                "canonical ABI: resource.rep on " + rt.name() + ", which the host implements");
          }
          return new long[] {i};
        });
  }

  /**
   * {@code canon resource.drop rt}: {@code (handle: i32) -> ()}. Dropping an own handle runs the
   * destructor of {@code impl}; dropping a borrow ends it.
   */
  public static CoreFunction resourceDrop(
      ComponentInstanceState inst, ResourceType rt, ResourceImpl impl) {
    if (impl.type() != rt) {
      throw new IllegalArgumentException("implementation of " + impl.type() + " given for " + rt);
    }
    return CoreFunction.host(
        I32_TO_NONE,
        args -> {
          inst.checkLeave();
          Object rep = inst.handles().drop((int) args[0], rt);
          if (rep != null) {
            impl.destroy(rep, inst);
          }
          return NONE;
        });
  }
}
