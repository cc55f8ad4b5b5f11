package virga.plugin.bind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import virga.component.TrapException;

/**
 * The plugin resources one component instance holds: every own handle typed bindings give the guest
 * is counted here against a limit (a guest that leaks handles traps instead of exhausting the JVM)
 * and leaves when the guest drops it (its Java object is closed then, if {@link AutoCloseable}) or
 * hands it back as an {@code own} parameter (the plugin owns it again). {@link #close()}, when the
 * instance ends, closes whatever the guest never dropped.
 */
public final class ResourceScope implements AutoCloseable {
  /** The default limit, as for WASI resources. */
  public static final int DEFAULT_MAX_LIVE = 100_000;

  private final int maxLive;
  private final Set<Handle> live = new LinkedHashSet<>();
  private boolean closed;

  /** A scope with the default limit. */
  public ResourceScope() {
    this(DEFAULT_MAX_LIVE);
  }

  /** A scope holding at most {@code maxLive} live plugin resources. */
  public ResourceScope(int maxLive) {
    if (maxLive <= 0) {
      throw new IllegalArgumentException("maxLive must be positive: " + maxLive);
    }
    this.maxLive = maxLive;
  }

  /** The number of plugin resources the guest holds. */
  public synchronized int size() {
    return live.size();
  }

  /** Closes every resource left, newest first; later handles trap. Idempotent. */
  @Override
  public void close() {
    List<Handle> left;
    synchronized (this) {
      closed = true;
      left = new ArrayList<>(live);
      live.clear();
    }
    Collections.reverse(left);
    for (Handle h : left) {
      h.destroy();
    }
  }

  /**
   * Wraps {@code target} in a handle rep this scope tracks; when it cannot (limit, ended instance),
   * closes {@code target}, which nobody else will, and traps.
   */
  synchronized Handle track(Object target, String resource) {
    if (closed) {
      Handle.closeQuietly(target);
      throw new TrapException("plugin resource " + resource + " created after its instance ended");
    }
    if (live.size() >= maxLive) {
      Handle.closeQuietly(target);
      throw new TrapException(
          "plugin resource limit reached: " + maxLive + " live resources in this instance");
    }
    Handle h = new Handle(target, this);
    live.add(h);
    return h;
  }

  /** Removes {@code h}; false when it was no longer tracked. */
  synchronized boolean forget(Handle h) {
    return live.remove(h);
  }
}
