package virga.protocol.manifest;

import java.util.Objects;

/**
 * A ConfigMap or Secret a workload refers to.
 *
 * @param kind {@link #CONFIG_MAP} or {@link #SECRET}
 * @param namespace the workload's namespace
 * @param name the object's name
 */
public record ConfigRef(String kind, String namespace, String name) {
  public static final String CONFIG_MAP = "ConfigMap";
  public static final String SECRET = "Secret";

  /** Checks the fields. */
  public ConfigRef {
    if (!CONFIG_MAP.equals(kind) && !SECRET.equals(kind)) {
      throw new IllegalArgumentException("kind must be ConfigMap or Secret, got " + kind);
    }
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** A ConfigMap. */
  public static ConfigRef configMap(String namespace, String name) {
    return new ConfigRef(CONFIG_MAP, namespace, name);
  }

  /** A Secret. */
  public static ConfigRef secret(String namespace, String name) {
    return new ConfigRef(SECRET, namespace, name);
  }

  /** The key the operator's Workload index is built on: {@code kind/namespace/name}. */
  public String indexKey() {
    return kind + "/" + namespace + "/" + name;
  }

  /** {@code ConfigMap ns/name}; names only, never data. */
  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }
}
