package virga.operator.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import virga.operator.hosts.HostClient;
import virga.operator.testing.FakeHost;
import virga.operator.testing.NatsServerProcess;
import virga.tls.PemFixtures;

/**
 * Mutual TLS against a real nats-server with {@code verify: true}, using PEM files as cert-manager
 * writes them (made by the openssl CLI), with each private key encoding {@code virga.tls.Pem}
 * reads; the PEM reading itself is tested in runtime/tls.
 */
@Timeout(60)
// jnats declares Connection.close() throws InterruptedException; the tests propagate it
@SuppressWarnings("try")
class NatsTlsIT {
  @TempDir static Path dir;
  private static NatsServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    PemFixtures pki = PemFixtures.create(dir);
    pki.rsa("server", PemFixtures.SERVER);
    // client-rsa.pkcs1.key is PKCS#1 "RSA PRIVATE KEY", client-ec.sec1.key SEC1 "EC PRIVATE KEY"
    pki.rsa("client-rsa", PemFixtures.CLIENT);
    pki.ec("client-ec", PemFixtures.CLIENT);
    Files.writeString(
        dir.resolve("tls.conf"),
        "tls {\n  cert_file: \""
            + dir.resolve("server.pem")
            + "\"\n  key_file: \""
            + dir.resolve("server.key")
            + "\"\n  ca_file: \""
            + dir.resolve("ca.pem")
            + "\"\n  verify: true\n}\n");
    server = NatsServerProcess.start(List.of("-c", dir.resolve("tls.conf").toString()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static NatsSettings settings(String clientKey, String clientCert) {
    return NatsSettings.of("tls://127.0.0.1:" + server.port())
        .withCa(dir.resolve("ca.pem"))
        .withClientCert(dir.resolve(clientCert), dir.resolve(clientKey));
  }

  @Test
  void pkcs1RsaClientKeyConnectsAndCarriesTheProtocol() throws Exception {
    NatsSettings s = settings("client-rsa.pkcs1.key", "client-rsa.pem");
    assertThat(Files.readString(dir.resolve("client-rsa.pkcs1.key")))
        .contains("BEGIN RSA PRIVATE KEY");
    try (Connection c = Nats.connect(NatsConnectionFactory.options(s, new BusHealth()));
        FakeHost host = FakeHost.builder("tls-host").start(c)) {
      assertThat(new HostClient(c).heartbeat("tls-host").getId()).isEqualTo("tls-host");
    }
  }

  @Test
  void pkcs8AndSec1KeysConnect() throws Exception {
    for (String[] pair :
        List.of(
            new String[] {"client-rsa.key", "client-rsa.pem"},
            new String[] {"client-ec.key", "client-ec.pem"},
            new String[] {"client-ec.sec1.key", "client-ec.pem"})) {
      BusHealth health = new BusHealth();
      try (Connection c =
          Nats.connect(NatsConnectionFactory.options(settings(pair[0], pair[1]), health))) {
        c.flush(Duration.ofSeconds(2));
        // jnats reports CONNECTED to the listener on its own executor, after connect returns
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!health.connected() && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(health.connected()).as(pair[0]).isTrue();
      }
    }
    assertThat(Files.readString(dir.resolve("client-ec.sec1.key")))
        .contains("BEGIN EC PRIVATE KEY");
  }

  @Test
  void withoutClientCertTheServerRefuses() {
    NatsSettings noCert =
        NatsSettings.of("tls://127.0.0.1:" + server.port()).withCa(dir.resolve("ca.pem"));
    assertThatThrownBy(
            () -> {
              try (Connection c =
                  Nats.connect(
                      new io.nats.client.Options.Builder(
                              NatsConnectionFactory.options(noCert, new BusHealth()))
                          .maxReconnects(0)
                          .build())) {
                c.flush(Duration.ofSeconds(2));
              }
            })
        .isInstanceOf(Exception.class);
  }
}
