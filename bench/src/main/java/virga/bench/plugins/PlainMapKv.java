package virga.bench.plugins;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory peer: a {@link ConcurrentHashMap} of byte arrays, as one bucket of the backend. */
final class PlainMapKv implements PlainKv {
  private final Map<String, byte[]> map = new ConcurrentHashMap<>();

  @Override
  public byte[] get(String key) {
    return map.get(key);
  }

  @Override
  public void set(String key, byte[] value) {
    map.put(key, value.clone()); // the backend keeps its own copy of what the guest passed
  }
}
