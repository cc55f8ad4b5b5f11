package virga.operator.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import virga.protocol.manifest.ConfigRef;
import virga.protocol.manifest.ConfigSource;

/** A {@link ConfigSource} over maps, for tests; Secret data is held decoded, order kept. */
public final class InMemoryConfigSource implements ConfigSource {
  private final Map<String, Map<String, String>> objects = new ConcurrentHashMap<>();

  public InMemoryConfigSource configMap(String ns, String name, Map<String, String> data) {
    objects.put(ConfigRef.configMap(ns, name).indexKey(), new LinkedHashMap<>(data));
    return this;
  }

  public InMemoryConfigSource secret(String ns, String name, Map<String, String> data) {
    objects.put(ConfigRef.secret(ns, name).indexKey(), new LinkedHashMap<>(data));
    return this;
  }

  public void remove(ConfigRef ref) {
    objects.remove(ref.indexKey());
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
