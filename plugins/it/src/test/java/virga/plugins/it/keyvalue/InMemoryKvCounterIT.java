package virga.plugins.it.keyvalue;

import java.util.Map;

/** kv-counter on the default backend: in-memory, per workload. */
class InMemoryKvCounterIT extends KvCounterContract {
  @Override
  Map<String, String> settings() {
    return Map.of();
  }

  @Override
  boolean persists() {
    return false;
  }
}
