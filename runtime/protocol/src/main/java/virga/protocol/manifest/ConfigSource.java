package virga.protocol.manifest;

import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code .data} of ConfigMaps and Secrets; Secret values come back decoded. The operator
 * reads the API server, the standalone host the documents of its manifest.
 */
public interface ConfigSource {
  /** The ConfigMap's data (empty map when it has none), or empty when it does not exist. */
  Optional<Map<String, String>> configMap(String namespace, String name);

  /**
   * The Secret's data, base64- and UTF-8-decoded, or empty when it does not exist.
   *
   * @throws MissingConfigException when a value is not valid base64
   */
  Optional<Map<String, String>> secret(String namespace, String name) throws MissingConfigException;

  /** The data of {@code ref}, or a {@link MissingConfigException} naming it. */
  default Map<String, String> read(ConfigRef ref) throws MissingConfigException {
    Optional<Map<String, String>> data =
        ConfigRef.CONFIG_MAP.equals(ref.kind())
            ? configMap(ref.namespace(), ref.name())
            : secret(ref.namespace(), ref.name());
    return data.orElseThrow(() -> new MissingConfigException(ref));
  }
}
