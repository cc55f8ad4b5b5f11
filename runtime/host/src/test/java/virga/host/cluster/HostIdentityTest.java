package virga.host.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostIdentityTest {
  @Test
  void theIdComesFromTheFlagThenThePodNameThenTheMachine() {
    Map<String, String> pod = Map.of("POD_NAME", "hostgroup-default-5d8f-abcde", "HOSTNAME", "h1");
    assertThat(HostIdentity.resolve("my-host", null, null, pod::get))
        .isEqualTo(new HostIdentity("my-host", "h1", "my-host"));
    assertThat(HostIdentity.resolve(null, "10.0.0.7", null, pod::get))
        .isEqualTo(
            new HostIdentity(
                "hostgroup-default-5d8f-abcde", "10.0.0.7", "hostgroup-default-5d8f-abcde"));
    Map<String, String> vm = Map.of("HOSTNAME", "build-3.example.com");
    assertThat(HostIdentity.resolve(null, null, "blue", vm::get))
        .isEqualTo(new HostIdentity("build-3-example-com", "build-3.example.com", "blue"));
  }

  @Test
  void theSameEnvironmentGivesTheSameIdEveryTime() {
    Map<String, String> env = Map.of("HOSTNAME", "node-1");
    assertThat(HostIdentity.resolve(null, null, null, env::get).hostId())
        .isEqualTo(HostIdentity.resolve(null, null, null, env::get).hostId())
        .isEqualTo("node-1");
  }

  @Test
  void aFlagIdThatIsNotOneSubjectTokenIsRefused() {
    assertThatThrownBy(() -> HostIdentity.resolve("a.b", null, null, k -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid host id 'a.b': it must be one NATS subject token (no '.', '*', '>' or"
                + " spaces) (--host-id)");
  }
}
