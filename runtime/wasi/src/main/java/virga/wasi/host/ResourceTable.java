package virga.wasi.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import virga.component.TrapException;
import virga.component.types.ResourceType;
import virga.component.values.Value;

/**
 * One component instance's live host resources: every rep the host hands out is counted here
 * against a limit (a guest that leaks handles traps instead of exhausting the JVM), leaves when the
 * guest drops it, and is closed by {@link #close()} when the instance ends. Reps are compared by
 * identity ({@link HostResource} does not override {@code equals}).
 */
public final class ResourceTable implements AutoCloseable {
  private final int maxLive;
  private final Set<HostResource> live = new LinkedHashSet<>();
  private boolean closed;

  /** A table holding at most {@code maxLive} live resources. */
  public ResourceTable(int maxLive) {
    if (maxLive <= 0) {
      throw new IllegalArgumentException("maxLive must be positive: " + maxLive);
    }
    this.maxLive = maxLive;
  }

  /** Tracks {@code rep} and returns an own handle value of {@code type} for it. */
  public Value.Own own(ResourceType type, HostResource rep) {
    track(rep);
    return Value.own(type, rep);
  }

  /** Tracks {@code rep}; traps when the limit is reached or the instance has ended. */
  public synchronized <T extends HostResource> T track(T rep) {
    if (closed) {
      throw new TrapException("WASI resource created after its instance was closed");
    }
    if (live.contains(rep)) {
      return rep;
    }
    if (live.size() >= maxLive) {
      throw new TrapException("WASI resource limit reached: " + maxLive + " live host resources");
    }
    rep.attach(this);
    live.add(rep);
    return rep;
  }

  /** The number of live resources. */
  public synchronized int size() {
    return live.size();
  }

  synchronized void forget(HostResource rep) {
    live.remove(rep);
  }

  /** Closes every live resource (children are closed before the instance's shared sources). */
  @Override
  public void close() {
    List<HostResource> left;
    synchronized (this) {
      closed = true;
      left = new ArrayList<>(live);
    }
    Collections.reverse(left);
    for (HostResource r : left) {
      r.close();
    }
  }
}
