package virga.operator.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.IOException;
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

/**
 * Mutual TLS against a real nats-server with {@code verify: true}, using PEM files as cert-manager
 * writes them (made by the openssl CLI), with each private key encoding PemTls accepts.
 */
@Timeout(60)
// jnats declares Connection.close() throws InterruptedException; the tests propagate it
@SuppressWarnings("try")
class NatsTlsIT {
  @TempDir static Path dir;
  private static NatsServerProcess server;

  @BeforeAll
  static void start() throws Exception {
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=test-ca",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem");
    signed("server", "rsa:2048", "subjectAltName=IP:127.0.0.1");
    signed("client-rsa", "rsa:2048", "extendedKeyUsage=clientAuth");
    // PKCS#1 "RSA PRIVATE KEY" and SEC1 "EC PRIVATE KEY", the traditional encodings
    openssl("pkey", "-in", "client-rsa.key", "-traditional", "-out", "client-rsa.pkcs1.key");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client-ec.key");
    openssl(
        "req", "-new", "-key", "client-ec.key", "-subj", "/CN=client-ec", "-out", "client-ec.csr");
    sign("client-ec", "extendedKeyUsage=clientAuth");
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
            new String[] {"client-ec.key", "client-ec.pem"})) {
      BusHealth health = new BusHealth();
      try (Connection c =
          Nats.connect(NatsConnectionFactory.options(settings(pair[0], pair[1]), health))) {
        c.flush(Duration.ofSeconds(2));
        assertThat(health.connected()).as(pair[0]).isTrue();
      }
    }
    assertThat(Files.readString(dir.resolve("client-ec.key"))).contains("BEGIN EC PRIVATE KEY");
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

  @Test
  void unknownCaIsRefusedWithTheFileNamed() {
    assertThatThrownBy(() -> PemTls.context(dir.resolve("nope.pem"), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.pem");
    assertThatThrownBy(() -> PemTls.context(dir.resolve("client-rsa.key"), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no PEM CERTIFICATE block");
  }

  private static void signed(String name, String keySpec, String ext)
      throws IOException, InterruptedException {
    openssl(
        "req",
        "-new",
        "-newkey",
        keySpec,
        "-nodes",
        "-subj",
        "/CN=" + name,
        "-keyout",
        name + ".key",
        "-out",
        name + ".csr");
    sign(name, ext);
  }

  private static void sign(String name, String ext) throws IOException, InterruptedException {
    Files.writeString(dir.resolve(name + ".ext"), ext + "\n");
    openssl(
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        name + ".ext",
        "-out",
        name + ".pem");
  }

  private static void openssl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
    }
  }
}
