package virga.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PullSecretsTest {
  @Test
  void registryOfAnImage() {
    assertThat(PullSecrets.registry("ghcr.io/a/b:1")).isEqualTo("ghcr.io");
    assertThat(PullSecrets.registry("oci://ghcr.io/a/b:1")).isEqualTo("ghcr.io");
    assertThat(PullSecrets.registry("localhost:5000/a:1")).isEqualTo("localhost:5000");
    assertThat(PullSecrets.registry("nginx")).isEqualTo("docker.io");
    assertThat(PullSecrets.registry("library/nginx:1")).isEqualTo("docker.io");
  }

  @Test
  void notADockerConfig() {
    assertThatThrownBy(() -> PullSecrets.forImage("i", Map.of("password", "hunter2")))
        .hasMessage("has no .dockerconfigjson key");
    assertThatThrownBy(
            () -> PullSecrets.forImage("i", Map.of(PullSecrets.DOCKER_CONFIG_JSON, "hunter2{")))
        .hasMessage(".dockerconfigjson is not JSON");
  }
}
