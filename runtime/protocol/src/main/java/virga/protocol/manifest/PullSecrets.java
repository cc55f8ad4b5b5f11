package virga.protocol.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import virga.protocol.v2.ImagePullSecret;

/**
 * Credentials for an image from a {@code kubernetes.io/dockerconfigjson} Secret, as wasmCloud's
 * operator picks them: the entry of the image's registry, with {@code docker.io} written {@code
 * https://index.docker.io/v1/}.
 */
public final class PullSecrets {
  /** The key of the dockerconfigjson Secret type. */
  public static final String DOCKER_CONFIG_JSON = ".dockerconfigjson";

  private static final String DOCKER_HUB = "https://index.docker.io/v1/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PullSecrets() {}

  /**
   * The registry host of an OCI reference: {@code ghcr.io/a/b:1 → ghcr.io}, {@code nginx →
   * docker.io}.
   */
  public static String registry(String image) {
    String ref = image.startsWith("oci://") ? image.substring("oci://".length()) : image;
    int slash = ref.indexOf('/');
    if (slash > 0) {
      String first = ref.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return first;
      }
    }
    return "docker.io";
  }

  /**
   * The credentials for {@code image} from decoded Secret data, empty when the Secret has no entry
   * for its registry.
   *
   * @throws IllegalArgumentException when the data is not a docker config (the message never
   *     contains credentials)
   */
  public static Optional<ImagePullSecret> forImage(String image, Map<String, String> secretData) {
    String json = secretData.get(DOCKER_CONFIG_JSON);
    if (json == null) {
      throw new IllegalArgumentException("has no " + DOCKER_CONFIG_JSON + " key");
    }
    JsonNode auths;
    try {
      auths = JSON.readTree(json).path("auths");
    } catch (IOException e) {
      throw new IllegalArgumentException(DOCKER_CONFIG_JSON + " is not JSON");
    }
    String registry = registry(image);
    for (Map.Entry<String, JsonNode> e : auths.properties()) {
      if (matches(e.getKey(), registry)) {
        return Optional.of(credentials(e.getValue()));
      }
    }
    return Optional.empty();
  }

  private static boolean matches(String key, String registry) {
    if (registry.equals("docker.io") && (key.equals(DOCKER_HUB) || key.equals("docker.io"))) {
      return true;
    }
    String host = key.replaceFirst("^[a-z]+://", "");
    int slash = host.indexOf('/');
    return (slash < 0 ? host : host.substring(0, slash)).equals(registry);
  }

  private static ImagePullSecret credentials(JsonNode entry) {
    String user = entry.path("username").asText("");
    String pass = entry.path("password").asText("");
    String auth = entry.path("auth").asText("");
    if (user.isEmpty() && !auth.isEmpty()) {
      String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon >= 0) {
        user = decoded.substring(0, colon);
        pass = decoded.substring(colon + 1);
      }
    }
    return ImagePullSecret.newBuilder().setUsername(user).setPassword(pass).build();
  }
}
