package virga.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretDataTest {
  @Test
  void valuesAreBase64ThenUtf8Decoded() throws Exception {
    String encoded = Base64.getEncoder().encodeToString("grüße".getBytes(StandardCharsets.UTF_8));
    assertThat(SecretData.decode(ConfigRef.secret("ns", "s"), Map.of("k", encoded + "\n")))
        .containsExactly(Map.entry("k", "grüße"));
    assertThat(SecretData.decode(ConfigRef.secret("ns", "s"), null)).isEmpty();
  }

  @Test
  void anInvalidValueIsNamedByKeyNeverByValue() {
    assertThatThrownBy(
            () ->
                SecretData.decode(ConfigRef.secret("ns", "s"), Map.of("k", "not base64 hunter2!")))
        .isInstanceOf(MissingConfigException.class)
        .hasMessage("Secret ns/s key k is not valid base64");
  }
}
