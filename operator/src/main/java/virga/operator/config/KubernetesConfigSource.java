package virga.operator.config;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads ConfigMaps and Secrets from the API server. */
public final class KubernetesConfigSource implements ConfigSource {
  private final KubernetesClient client;

  public KubernetesConfigSource(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public Optional<Map<String, String>> configMap(String namespace, String name) {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    return Optional.ofNullable(cm).map(c -> c.getData() == null ? Map.of() : c.getData());
  }

  @Override
  public Optional<Map<String, String>> secret(String namespace, String name)
      throws MissingConfigException {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return Optional.empty();
    }
    return Optional.of(decode(ConfigRef.secret(namespace, name), secret.getData()));
  }

  /** Base64- and UTF-8-decodes Secret data; an error names the key, never the value. */
  public static Map<String, String> decode(ConfigRef ref, Map<String, String> data)
      throws MissingConfigException {
    Map<String, String> out = new LinkedHashMap<>();
    if (data == null) {
      return out;
    }
    for (Map.Entry<String, String> e : data.entrySet()) {
      try {
        byte[] raw = Base64.getDecoder().decode(e.getValue() == null ? "" : e.getValue().trim());
        out.put(e.getKey(), new String(raw, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException bad) {
        throw new MissingConfigException(ref, ref + " key " + e.getKey() + " is not valid base64");
      }
    }
    return out;
  }
}
