package virga.host.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import virga.testsupport.FreePorts;
import virga.testsupport.NatsServerBinary;
import virga.tls.PemFixtures;

/**
 * The host's NATS connection over mutual TLS against a real nats-server with {@code --tlsverify},
 * with client keys as Helm and openssl write them: PKCS#1 RSA and SEC1 EC, besides PKCS#8.
 */
@Timeout(60)
// jnats declares Connection.close() throws InterruptedException; the tests propagate it
@SuppressWarnings("try")
class NatsTlsIT {
  @TempDir static Path dir;
  static PemFixtures pki;
  static PemFixtures.Identity rsa;
  static PemFixtures.Identity ec;
  static Process server;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    pki = PemFixtures.create(dir);
    PemFixtures.Identity serverId = pki.rsa("server", PemFixtures.SERVER);
    rsa = pki.rsa("client-rsa", PemFixtures.CLIENT);
    ec = pki.ec("client-ec", PemFixtures.CLIENT);
    port = FreePorts.find();
    server =
        new ProcessBuilder(
                NatsServerBinary.find().toString(),
                "-a",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "--tlsverify",
                "--tlscert",
                serverId.cert().toString(),
                "--tlskey",
                serverId.pkcs8Key().toString(),
                "--tlscacert",
                pki.ca().toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nats.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!FreePorts.isListening(port)) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "nats-server did not start: " + Files.readString(dir.resolve("nats.log")));
      }
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(5, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
  }

  private static NatsEndpoint endpoint(Path cert, Path key) {
    return new NatsEndpoint("tls://127.0.0.1:" + port, null, pki.ca(), cert, key);
  }

  @Test
  void traditionalAndPkcs8ClientKeysConnectAndCarryMessages() throws Exception {
    assertThat(Files.readString(rsa.traditionalKey()))
        .startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(Files.readString(ec.traditionalKey())).startsWith("-----BEGIN EC PRIVATE KEY-----");
    for (NatsEndpoint e :
        List.of(
            endpoint(rsa.cert(), rsa.traditionalKey()),
            endpoint(ec.cert(), ec.traditionalKey()),
            endpoint(rsa.cert(), rsa.pkcs8Key()))) {
      try (Connection c = Nats.connect(NatsConnector.options(e, "tls-test", (conn, type) -> {}))) {
        assertThat(c.getStatus()).as(e.key().toString()).isEqualTo(Connection.Status.CONNECTED);
        c.createDispatcher(m -> c.publish(m.getReplyTo(), m.getData())).subscribe("echo");
        Message reply =
            c.request("echo", e.key().getFileName().toString().getBytes(StandardCharsets.UTF_8))
                .get(5, TimeUnit.SECONDS);
        assertThat(new String(reply.getData(), StandardCharsets.UTF_8))
            .isEqualTo(e.key().getFileName().toString());
      }
    }
  }

  @Test
  void withoutAClientCertificateTheServerRefuses() {
    NatsEndpoint noCert = new NatsEndpoint("tls://127.0.0.1:" + port, null, pki.ca(), null, null);
    assertThatThrownBy(
            () -> {
              try (Connection c =
                  Nats.connect(
                      new io.nats.client.Options.Builder(
                              NatsConnector.options(noCert, "tls-test", (conn, type) -> {}))
                          .maxReconnects(0)
                          .build())) {
                c.flush(Duration.ofSeconds(2));
              }
            })
        .isInstanceOf(Exception.class);
  }

  @Test
  void unusableKeysAreNamedBeforeConnecting() throws Exception {
    assertThatThrownBy(
            () ->
                NatsConnector.options(
                    endpoint(rsa.cert(), ec.traditionalKey()), "tls-test", (conn, type) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot set up NATS TLS: the private key in "
                + ec.traditionalKey()
                + " does not belong to the certificate CN=client-rsa in "
                + rsa.cert());
    Path garbage =
        Files.writeString(
            dir.resolve("garbage.key"),
            "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(
            () -> NatsConnector.options(endpoint(rsa.cert(), garbage), "t", (conn, type) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot set up NATS TLS: the private key in "
                + garbage
                + " is not a valid PKCS#1 RSA key: malformed DER");
  }
}
