package virga.protocol.manifest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ConfigMaps and Secrets of a standalone manifest and its config directories, as a {@link
 * ConfigSource}: ConfigMap {@code data} as written; Secret {@code data} base64-decoded with {@code
 * stringData} merged over it, as the API server stores a Secret; keys sorted, as the API server
 * returns them.
 */
final class ManifestConfigSource implements ConfigSource {
  private final Map<String, Map<String, String>> objects = new HashMap<>();

  /**
   * Reads the data of ConfigMap and Secret documents.
   *
   * @param problems receives one line per Secret value that is not base64
   */
  ManifestConfigSource(List<ManifestDocument> docs, List<String> problems) {
    for (ManifestDocument doc : docs) {
      boolean secret = ConfigRef.SECRET.equals(doc.kind());
      ConfigRef ref = new ConfigRef(doc.kind(), doc.namespace(), doc.name());
      Map<String, String> data = new LinkedHashMap<>();
      Map<String, String> raw = Trees.stringMap(doc.root(), "data");
      if (raw != null) {
        raw.forEach(
            (k, v) -> {
              String value = secret ? SecretData.decodeValue(v) : v;
              if (value == null) {
                problems.add(
                    doc.prefix("/data/" + YamlDocuments.escape(k))
                        + "data["
                        + k
                        + "]: not valid base64: encode the value with base64, or put it as plain"
                        + " text under stringData");
              } else {
                data.put(k, value);
              }
            });
      }
      Map<String, String> plain = Trees.stringMap(doc.root(), "stringData");
      if (secret && plain != null) {
        data.putAll(plain);
      }
      // the API server keeps data sorted by key, stringData merged in
      objects.put(ref.indexKey(), new LinkedHashMap<>(new TreeMap<>(data)));
    }
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
