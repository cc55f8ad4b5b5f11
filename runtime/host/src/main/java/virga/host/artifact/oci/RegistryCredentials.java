package virga.host.artifact.oci;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import virga.protocol.v2.ImagePullSecret;

/**
 * A user name and password for a registry (used for basic auth, and to obtain bearer tokens), or
 * none for anonymous access.
 *
 * @param username the user, empty for anonymous
 * @param password the password or access token
 */
public record RegistryCredentials(String username, String password) {
  /** No credentials. */
  public static final RegistryCredentials ANONYMOUS = new RegistryCredentials("", "");

  public RegistryCredentials {
    username = username == null ? "" : username;
    password = password == null ? "" : password;
  }

  /** The credentials of a start request's pull secret, or {@link #ANONYMOUS}. */
  public static RegistryCredentials of(ImagePullSecret secret) {
    if (secret == null || secret.getUsername().isEmpty() && secret.getPassword().isEmpty()) {
      return ANONYMOUS;
    }
    return new RegistryCredentials(secret.getUsername(), secret.getPassword());
  }

  /** Whether there are none. */
  public boolean anonymous() {
    return username.isEmpty() && password.isEmpty();
  }

  /** The {@code Authorization} header value for basic auth. */
  String basicHeader() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Hides the password: credentials end up in logs. */
  @Override
  public String toString() {
    return anonymous() ? "RegistryCredentials[anonymous]" : "RegistryCredentials[" + username + "]";
  }
}
