package virga.component.abi;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import virga.component.binary.CanonOptions.StringEncoding;
import virga.component.core.CoreFunction;
import virga.component.runtime.CanonicalAbi;
import virga.component.runtime.ComponentFunction;
import virga.component.runtime.LoweringOptions;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.values.Value;

/**
 * The canonical ABI as instantiation uses it: {@link LiftedFunction}, {@link LoweredFunction} and
 * the resource built-ins over per-instance {@link ComponentInstanceState}.
 *
 * <p>It also remembers who implements each resource type, because {@code resource.drop} may name a
 * type another instance (or the host) defines. A host resource without a registered implementation
 * is destroyed by closing its rep when the rep is {@link AutoCloseable}.
 */
public final class StandardCanonicalAbi implements CanonicalAbi {
  // Resource types die with their instances; weak keys keep this from growing with every instance.
  private final Map<ResourceType, ResourceImpl> impls =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Registers the host's implementation of {@code type} (its destructor). */
  public void defineHostResource(ResourceType type, java.util.function.Consumer<Object> dtor) {
    impls.put(type, ResourceImpl.host(type, dtor));
  }

  /**
   * Drops an own handle the host holds (a guest resource an export returned, or a host resource):
   * runs its destructor, a guest's in its defining instance (which must be enterable) or the
   * host's. The handle must not be used afterwards.
   */
  public void drop(Value.Own handle) {
    implOf(handle.type()).destroy(handle.rep(), null);
  }

  @Override
  public InstanceState newInstance(String name) {
    return new State(new ComponentInstanceState(name));
  }

  @Override
  public void defineResource(InstanceState instance, ResourceType type, CoreFunction destructor) {
    impls.put(type, ResourceImpl.guest(type, state(instance), destructor));
  }

  @Override
  public ComponentFunction lift(
      InstanceState instance, FuncType type, CoreFunction core, LoweringOptions options) {
    LiftedFunction lifted = new LiftedFunction(type, canonOptions(options), core, state(instance));
    return new ComponentFunction() {
      @Override
      public FuncType type() {
        return type;
      }

      @Override
      public Value call(Value... args) {
        return lifted.call(args);
      }
    };
  }

  @Override
  public CoreFunction lower(
      InstanceState instance, FuncType type, ComponentFunction callee, LoweringOptions options) {
    return new LoweredFunction(
        type,
        canonOptions(options),
        args -> callee.call(args.toArray(new Value[0])),
        state(instance));
  }

  @Override
  public CoreFunction resourceNew(InstanceState instance, ResourceType type) {
    return ResourceBuiltins.resourceNew(state(instance), type);
  }

  @Override
  public CoreFunction resourceDrop(InstanceState instance, ResourceType type) {
    return ResourceBuiltins.resourceDrop(state(instance), type, implOf(type));
  }

  @Override
  public CoreFunction resourceRep(InstanceState instance, ResourceType type) {
    return ResourceBuiltins.resourceRep(state(instance), type);
  }

  private ResourceImpl implOf(ResourceType type) {
    return impls.computeIfAbsent(type, t -> ResourceImpl.host(t, StandardCanonicalAbi::close));
  }

  private static void close(Object rep) {
    if (rep instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // A destructor has no way to report failure to the guest; the resource is gone either way.
      }
    }
  }

  private static ComponentInstanceState state(InstanceState instance) {
    return ((State) instance).state;
  }

  private static CanonOptions canonOptions(LoweringOptions o) {
    return new CanonOptions(encoding(o.stringEncoding()), o.memory(), o.realloc(), o.postReturn());
  }

  private static virga.component.abi.StringEncoding encoding(StringEncoding e) {
    if (e == null) {
      return virga.component.abi.StringEncoding.UTF8;
    }
    return switch (e) {
      case UTF8 -> virga.component.abi.StringEncoding.UTF8;
      case UTF16 -> virga.component.abi.StringEncoding.UTF16;
      case LATIN1_UTF16 -> virga.component.abi.StringEncoding.LATIN1_UTF16;
    };
  }

  /** The SPI's opaque per-instance state, wrapping the ABI's. */
  private record State(ComponentInstanceState state) implements InstanceState {}
}
