package virga.component.runtime;

import virga.component.core.CoreFunction;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;

/**
 * What instantiation needs from the canonical ABI (the {@code virga.component.abi} package
 * implements it): the four kinds of canon definition, against per-instance ABI state.
 */
public interface CanonicalAbi {

  /** Per-component-instance ABI state: its handle table and may-enter/may-leave flags. */
  interface InstanceState {}

  /** Fresh state for a new component instance named {@code name} (for messages). */
  InstanceState newInstance(String name);

  /**
   * Records that {@code instance} defines {@code type}; {@code destructor} (nullable) runs with the
   * rep when an owned handle is dropped.
   */
  void defineResource(InstanceState instance, ResourceType type, CoreFunction destructor);

  /** {@code canon lift}: wraps a core export as a component function of type {@code type}. */
  ComponentFunction lift(
      InstanceState instance, FuncType type, CoreFunction core, LoweringOptions options);

  /** {@code canon lower}: wraps a component function as a core function the guest imports. */
  CoreFunction lower(
      InstanceState instance, FuncType type, ComponentFunction callee, LoweringOptions options);

  /** {@code canon resource.new}: {@code (i32 rep) -> (i32 handle)}. */
  CoreFunction resourceNew(InstanceState instance, ResourceType type);

  /** {@code canon resource.drop}: {@code (i32 handle) -> ()}. */
  CoreFunction resourceDrop(InstanceState instance, ResourceType type);

  /** {@code canon resource.rep}: {@code (i32 handle) -> (i32 rep)}. */
  CoreFunction resourceRep(InstanceState instance, ResourceType type);
}
