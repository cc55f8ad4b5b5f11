package virga.host.workload;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * A read-only map whose contents a config update replaces atomically: every read sees either the
 * old values or the new ones, never a mix. What {@link virga.plugin.WorkloadItem#config()} returns.
 */
final class LiveMap extends AbstractMap<String, String> {
  private volatile Map<String, String> current;

  LiveMap(Map<String, String> initial) {
    current = Map.copyOf(initial);
  }

  /** Replaces every value. */
  void replace(Map<String, String> next) {
    current = Map.copyOf(next);
  }

  /** The values now, as an immutable map. */
  Map<String, String> snapshot() {
    return current;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return current.entrySet();
  }

  @Override
  public String get(Object key) {
    return current.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return current.containsKey(key);
  }

  @Override
  public int size() {
    return current.size();
  }
}
