package virga.component.abi;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import virga.component.TrapException;
import virga.component.types.ResourceType;

/**
 * The canonical-ABI state of one component instance: its handle table, the resource types it
 * defines, and the flags that stop a guest from being re-entered ({@code may_enter}), from calling
 * out while its realloc or post-return runs ({@code may_leave}), and from running at all after it
 * trapped ({@code poisoned}).
 *
 * <p>Not thread-safe: an instance runs one call at a time.
 */
public final class ComponentInstanceState {
  private final String name;
  private final HandleTable handles = new HandleTable();
  private final Set<ResourceType> defined = Collections.newSetFromMap(new IdentityHashMap<>());
  boolean mayEnter = true;
  boolean mayLeave = true;
  private boolean poisoned;

  /** A fresh state; {@code name} only labels messages. */
  public ComponentInstanceState(String name) {
    this.name = name;
  }

  /** The instance's name, for messages. */
  public String name() {
    return name;
  }

  /** The instance's handle table. */
  public HandleTable handles() {
    return handles;
  }

  /**
   * Records that this instance defines {@code type}: a borrow of it passed into this instance
   * arrives as the bare rep rather than a handle, and {@code resource.new}/{@code rep} apply.
   */
  public void defineResource(ResourceType type) {
    defined.add(type);
  }

  /** Whether this instance defines {@code type}. */
  public boolean definesResource(ResourceType type) {
    return defined.contains(type);
  }

  /** Whether a call may enter the instance now. */
  public boolean mayEnter() {
    return mayEnter && !poisoned;
  }

  /** Whether the instance may call out (imports) now. */
  public boolean mayLeave() {
    return mayLeave;
  }

  /** Whether the instance trapped and is unusable. */
  public boolean isPoisoned() {
    return poisoned;
  }

  /** Marks the instance as trapped; every later entry traps. */
  public void poison() {
    poisoned = true;
  }

  /** Traps unless a call may enter now, then marks the instance as entered. */
  void enter() {
    if (poisoned) {
      throw new TrapException("component instance " + name + " trapped earlier and is poisoned");
    }
    if (!mayEnter) {
      throw new TrapException(
          "cannot enter component instance " + name + ": it is already running");
    }
    mayEnter = false;
  }

  void exit() {
    mayEnter = true;
  }

  /** Traps unless the instance may call out now. */
  void checkLeave() {
    if (!mayLeave) {
      throw new TrapException(
          "component instance "
              + name
              + " may not call an import now (its realloc or post-return is running)");
    }
  }

  @Override
  public String toString() {
    return "ComponentInstanceState[" + name + "]";
  }
}
