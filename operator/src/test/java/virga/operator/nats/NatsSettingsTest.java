package virga.operator.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Options;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NatsSettingsTest {
  @Test
  void plainUrlHasNoTls() {
    assertThat(NatsSettings.of("nats://a:4222").tls()).isFalse();
    assertThat(NatsSettings.of("tls://a:4222").tls()).isTrue();
    assertThat(NatsSettings.of("nats://a:4222").withTlsFirst(true).tls()).isTrue();
  }

  @Test
  void certWithoutKeyIsRefused() {
    assertThatThrownBy(() -> NatsSettings.of("nats://a").withClientCert(Path.of("c.pem"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs its key");
    assertThatThrownBy(() -> NatsSettings.of(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }

  @Test
  void optionsCarryWasmcloudsReconnectAndPingSettings() {
    Options o =
        NatsConnectionFactory.options(
            NatsSettings.of("nats://127.0.0.1:1,nats://127.0.0.1:2"), new BusHealth());
    assertThat(o.getMaxReconnect()).isEqualTo(-1);
    assertThat(o.getReconnectWait()).isEqualTo(NatsConnectionFactory.RECONNECT_WAIT);
    assertThat(o.getReconnectJitter()).isEqualTo(NatsConnectionFactory.RECONNECT_JITTER);
    assertThat(o.getPingInterval()).isEqualTo(NatsConnectionFactory.PING_INTERVAL);
    assertThat(o.getMaxPingsOut()).isEqualTo(1);
    assertThat(o.getServers()).hasSize(2);
  }

  @Test
  void unreadableCredsFileIsAClearError() {
    assertThatThrownBy(
            () ->
                NatsConnectionFactory.options(
                    NatsSettings.of("nats://a").withCreds(Path.of("/nonexistent/op.creds")),
                    new BusHealth()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/nonexistent/op.creds");
  }
}
