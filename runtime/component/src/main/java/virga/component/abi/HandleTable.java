package virga.component.abi;

import java.util.Arrays;
import virga.component.TrapException;
import virga.component.types.ResourceType;

/**
 * A component instance's resource handles: the i32 a guest holds for an {@code own} or {@code
 * borrow} is an index into this table. Index 0 is never used, so a zeroed handle is always invalid;
 * freed indices are reused. Every guest mistake (unknown index, a handle of another resource type,
 * dropping an own handle that is lent out, lifting a borrow as own) traps.
 *
 * <p>Not thread-safe: an instance runs one call at a time.
 */
public final class HandleTable {
  /** The most live handles one table holds; beyond that {@code resource.new} traps. */
  public static final int MAX_HANDLES = 1 << 24;

  /** One slot: an own handle (no scope) or a borrow handle (scoped to the call it came with). */
  static final class Entry {
    final ResourceType type;
    final Object rep;
    final CallScope borrowScope;
    int lendCount;

    Entry(ResourceType type, Object rep, CallScope borrowScope) {
      this.type = type;
      this.rep = rep;
      this.borrowScope = borrowScope;
    }

    boolean isOwn() {
      return borrowScope == null;
    }
  }

  private Entry[] entries = new Entry[8];
  private int top = 1; // next never-used index; 0 is reserved
  private int[] free = new int[8];
  private int freeCount;
  private int live;

  /** Inserts an own handle to {@code rep} and returns its index. */
  public int insertOwn(ResourceType type, Object rep) {
    return insert(new Entry(type, rep, null));
  }

  /**
   * Inserts a borrow handle valid for the call of {@code scope} (which then counts it until it is
   * dropped) and returns its index.
   */
  public int insertBorrow(ResourceType type, Object rep, CallScope scope) {
    int i = insert(new Entry(type, rep, scope));
    scope.borrowReceived();
    return i;
  }

  /** The rep behind a handle of the given type ({@code resource.rep}). */
  public Object rep(int handle, ResourceType type) {
    return get(handle, type).rep;
  }

  /** Whether {@code handle} is a live own handle. */
  public boolean isOwn(int handle) {
    return handle > 0 && handle < top && entries[handle] != null && entries[handle].isOwn();
  }

  /** The number of live handles. */
  public int size() {
    return live;
  }

  /**
   * Lifts an own handle: removes it and returns its rep; the resource now belongs to whoever
   * receives the lifted value.
   */
  public Object removeOwn(int handle, ResourceType type) {
    Entry e = get(handle, type);
    if (!e.isOwn()) {
      throw new TrapException("canonical ABI: handle " + handle + " is a borrow, not an own");
    }
    if (e.lendCount != 0) {
      throw new TrapException(
          "canonical ABI: own handle " + handle + " is lent out to " + e.lendCount + " call(s)");
    }
    release(handle);
    return e.rep;
  }

  /**
   * Lifts a borrow: returns the rep; an own handle is marked lent for the call of {@code scope} so
   * it cannot be dropped until the call ends.
   */
  public Object lend(int handle, ResourceType type, CallScope scope) {
    Entry e = get(handle, type);
    if (e.isOwn()) {
      scope.addLender(e);
    }
    return e.rep;
  }

  /**
   * {@code resource.drop}: removes the handle. Returns the rep when it was an own handle (the
   * caller then runs the destructor), or null for a borrow handle (its call's borrow count drops).
   */
  public Object drop(int handle, ResourceType type) {
    Entry e = get(handle, type);
    if (e.isOwn()) {
      if (e.lendCount != 0) {
        throw new TrapException(
            "canonical ABI: cannot drop own handle "
                + handle
                + " while it is lent out to "
                + e.lendCount
                + " call(s)");
      }
      release(handle);
      return e.rep;
    }
    e.borrowScope.borrowDropped();
    release(handle);
    return null;
  }

  private Entry get(int handle, ResourceType type) {
    if (handle <= 0 || handle >= top || entries[handle] == null) {
      throw new TrapException(
          "canonical ABI: unknown resource handle " + Integer.toUnsignedString(handle));
    }
    Entry e = entries[handle];
    if (e.type != type) {
      throw new TrapException(
          "canonical ABI: handle " + handle + " is a " + e.type.name() + ", not a " + type.name());
    }
    return e;
  }

  private int insert(Entry e) {
    int i;
    if (freeCount > 0) {
      i = free[--freeCount];
    } else {
      if (top >= MAX_HANDLES) {
        throw new TrapException("canonical ABI: handle table full (" + MAX_HANDLES + " handles)");
      }
      i = top++;
      if (i >= entries.length) {
        entries = Arrays.copyOf(entries, entries.length * 2);
      }
    }
    entries[i] = e;
    live++;
    return i;
  }

  private void release(int handle) {
    entries[handle] = null;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = handle;
    live--;
  }
}
