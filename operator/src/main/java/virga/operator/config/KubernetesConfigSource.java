package virga.operator.config;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import virga.protocol.manifest.ConfigRef;
import virga.protocol.manifest.ConfigSource;
import virga.protocol.manifest.MissingConfigException;
import virga.protocol.manifest.SecretData;

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
    return SecretData.decode(ref, data);
  }
}
