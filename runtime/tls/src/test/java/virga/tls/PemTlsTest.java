package virga.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS between two JDK sockets on 127.0.0.1 whose contexts come from PEM files with
 * traditional keys (PKCS#1 on the server, SEC1 on the client), each side verifying the other
 * against the test CA.
 */
@Timeout(60)
class PemTlsTest {
  @TempDir static Path dir;
  static PemFixtures pki;
  static PemFixtures.Identity server;
  static PemFixtures.Identity client;

  @BeforeAll
  static void makeKeys() {
    pki = PemFixtures.create(dir);
    server = pki.rsa("server", PemFixtures.SERVER);
    client = pki.ec("client", PemFixtures.CLIENT);
  }

  @Test
  void traditionalKeysCarryAMutualTlsConversation() throws Exception {
    SSLContext serverContext = PemTls.context(pki.ca(), server.cert(), server.traditionalKey());
    SSLContext clientContext = PemTls.context(pki.ca(), client.cert(), client.traditionalKey());
    assertThat(echo(serverContext, clientContext)).isEqualTo("CN=client");
  }

  @Test
  void aClientWithoutTheCaDoesNotTrustTheServer() throws Exception {
    SSLContext serverContext = PemTls.context(pki.ca(), server.cert(), server.pkcs8Key());
    SSLContext jvmDefaults = PemTls.context(null, client.cert(), client.pkcs8Key());
    assertThatThrownBy(() -> echo(serverContext, jvmDefaults))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void badInputNamesTheFile() {
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(() -> PemTls.context(missing, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.pem");
    assertThatThrownBy(() -> PemTls.context(client.pkcs8Key(), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no PEM CERTIFICATE block in " + client.pkcs8Key());
    assertThatThrownBy(() -> PemTls.context(null, client.cert(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the TLS certificate " + client.cert() + " needs its key file");
    assertThatThrownBy(() -> PemTls.context(null, client.cert(), server.traditionalKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the private key in "
                + server.traditionalKey()
                + " does not belong to the certificate CN=client in "
                + client.cert());
  }

  /** Handshakes once, exchanges a line and returns the client's subject as the server saw it. */
  private static String echo(SSLContext serverContext, SSLContext clientContext) throws Exception {
    try (SSLServerSocket listener =
        (SSLServerSocket)
            serverContext
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setNeedClientAuth(true);
      CompletableFuture<String> seen =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                  s.setSoTimeout(10_000);
                  String line = new DataInputStream(s.getInputStream()).readUTF();
                  new DataOutputStream(s.getOutputStream()).writeUTF(line);
                  return s.getSession().getPeerPrincipal().getName();
                } catch (Exception e) {
                  return "failed: " + e;
                }
              });
      try (SSLSocket s =
          (SSLSocket)
              clientContext
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        s.setSoTimeout(10_000);
        new DataOutputStream(s.getOutputStream()).writeUTF("hello");
        assertThat(new DataInputStream(s.getInputStream()).readUTF()).isEqualTo("hello");
      }
      return seen.get(20, TimeUnit.SECONDS);
    }
  }
}
