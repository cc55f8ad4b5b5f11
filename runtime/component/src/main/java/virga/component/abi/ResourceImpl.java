package virga.component.abi;

import java.util.Objects;
import java.util.function.Consumer;
import virga.component.TrapException;
import virga.component.core.CoreFunction;
import virga.component.types.ResourceType;

/**
 * Who implements a resource type and how its representation is destroyed when the last own handle
 * is dropped: a guest (an i32 rep and an optional core destructor in the defining instance) or the
 * host (any Java object and an optional callback).
 */
public final class ResourceImpl {
  private final ResourceType type;
  private final ComponentInstanceState owner;
  private final CoreFunction guestDtor;
  private final Consumer<Object> hostDtor;

  private ResourceImpl(
      ResourceType type,
      ComponentInstanceState owner,
      CoreFunction guestDtor,
      Consumer<Object> hostDtor) {
    this.type = Objects.requireNonNull(type, "type");
    this.owner = owner;
    this.guestDtor = guestDtor;
    this.hostDtor = hostDtor;
  }

  /** A resource defined by a guest instance; {@code dtor} ({@code (i32) -> ()}) may be null. */
  public static ResourceImpl guest(
      ResourceType type, ComponentInstanceState owner, CoreFunction dtor) {
    ResourceImpl impl = new ResourceImpl(type, Objects.requireNonNull(owner, "owner"), dtor, null);
    owner.defineResource(type);
    return impl;
  }

  /** A resource implemented by the host; {@code dtor} receives the rep and may be null. */
  public static ResourceImpl host(ResourceType type, Consumer<Object> dtor) {
    return new ResourceImpl(type, null, null, dtor);
  }

  /** The resource type. */
  public ResourceType type() {
    return type;
  }

  /** The defining instance, or null for a host resource. */
  public ComponentInstanceState owner() {
    return owner;
  }

  /**
   * Runs the destructor for {@code rep}. A guest destructor called from another instance may only
   * run when its defining instance may be entered.
   *
   * @param caller the instance dropping the handle, or null for host code
   */
  public void destroy(Object rep, ComponentInstanceState caller) {
    if (owner == null) {
      if (hostDtor != null) {
        hostDtor.accept(rep);
      }
      return;
    }
    if (guestDtor == null) {
      return;
    }
    if (!(rep instanceof Integer i)) {
      throw new TrapException("resource " + type.name() + " has a non-i32 rep: " + rep);
    }
    if (caller == owner) {
      guestDtor.call(i);
      return;
    }
    owner.enter();
    try {
      guestDtor.call(i);
    } catch (RuntimeException e) {
      owner.poison();
      throw e;
    } finally {
      owner.exit();
    }
  }
}
