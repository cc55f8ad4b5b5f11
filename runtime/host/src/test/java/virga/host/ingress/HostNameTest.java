package virga.host.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HostNameTest {
  @Test
  void rfc1123Names() {
    assertThat(HostName.isValid("hello.localhost")).isTrue();
    assertThat(HostName.isValid("a-b.c1.example")).isTrue();
    assertThat(HostName.isValid("x".repeat(63) + ".io")).isTrue();
    assertThat(HostName.isValid("x".repeat(64) + ".io")).isFalse();
    assertThat(HostName.isValid("*.example.com")).isFalse();
    assertThat(HostName.isValid("under_score.io")).isFalse();
    assertThat(HostName.isValid("-lead.io")).isFalse();
    assertThat(HostName.isValid("trail-.io")).isFalse();
    assertThat(HostName.isValid("double..dot")).isFalse();
    assertThat(HostName.isValid("")).isFalse();
  }

  @Test
  void routingKeyStripsPortAndCase() {
    assertThat(HostName.routingKey("Hello.LocalHost:8080")).isEqualTo("hello.localhost");
    assertThat(HostName.routingKey("hello.localhost")).isEqualTo("hello.localhost");
    assertThat(HostName.routingKey("[::1]:8080")).isEqualTo("[::1]");
    assertThat(HostName.routingKey("hello.localhost.")).isEqualTo("hello.localhost");
    assertThat(HostName.routingKey("")).isNull();
    assertThat(HostName.routingKey(null)).isNull();
  }

  @Test
  void hostNamesTakeHostAndValidAliases() {
    assertThat(
            HostRouter.hostNames(
                Map.of("host", "app.localhost", "host-aliases", "svc.ns, svc.ns.svc,bad_alias,")))
        .containsExactly("app.localhost", "svc.ns", "svc.ns.svc");
  }

  @Test
  void hostIsRequiredAndValidated() {
    assertThatThrownBy(() -> HostRouter.hostNames(Map.of()))
        .hasMessage(
            "the wasi:http hostInterface needs config.host, the host name requests are routed by"
                + " (e.g. config: {host: hello.localhost})");
    assertThatThrownBy(() -> HostRouter.hostNames(Map.of("host", "*.example.com")))
        .hasMessage(
            "config.host '*.example.com' is not a valid RFC 1123 host name (no '*', no '_')");
  }
}
