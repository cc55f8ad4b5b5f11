package virga.protocol.manifest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link ConfigSource} over maps, for tests; Secret data is held decoded. */
final class MapConfigSource implements ConfigSource {
  private final Map<String, Map<String, String>> objects = new HashMap<>();

  /** Adds a ConfigMap; {@code kv} alternates keys and values, kept in that order. */
  MapConfigSource configMap(String ns, String name, String... kv) {
    objects.put(ConfigRef.configMap(ns, name).indexKey(), map(kv));
    return this;
  }

  /** Adds a Secret with decoded values. */
  MapConfigSource secret(String ns, String name, String... kv) {
    objects.put(ConfigRef.secret(ns, name).indexKey(), map(kv));
    return this;
  }

  static Map<String, String> map(String... kv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put(kv[i], kv[i + 1]);
    }
    return out;
  }

  @Override
  public Optional<Map<String, String>> configMap(String namespace, String name) {
    return Optional.ofNullable(objects.get(ConfigRef.configMap(namespace, name).indexKey()));
  }

  @Override
  public Optional<Map<String, String>> secret(String namespace, String name) {
    return Optional.ofNullable(objects.get(ConfigRef.secret(namespace, name).indexKey()));
  }
}
