package virga.wasi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.component.core.InstanceLimits;
import virga.testsupport.SelfSignedCertificate;
import virga.tls.PemFixtures;
import virga.tls.PemTls;
import virga.wasi.NetworkPolicy;
import virga.wasi.WasiContext;

/**
 * The wasi:http server over TLS with a self-signed certificate made at test time ({@link
 * SelfSignedCertificate}, by openssl), called by the JDK HttpClient that trusts only that
 * certificate.
 */
class HttpServerTlsTest {
  @TempDir Path temp;

  static HttpServer helloOverTls(SslContext ssl) {
    HttpServerConfig config = HttpServerConfig.DEFAULT;
    IncomingHandlerRunner runner =
        new IncomingHandlerRunner(
            HttpGuests.component("hello"),
            null,
            () -> WasiContext.builder().networkPolicy(NetworkPolicy.DENY_ALL).build(),
            new InstanceLimits(64L * 1024 * 1024, config.requestTimeout()));
    return HttpServer.start(runner, new InetSocketAddress("127.0.0.1", 0), config, ssl);
  }

  @Test
  void aGuestAnswersOverTlsAndPlainHttpIsNotServed() throws Exception {
    SelfSignedCertificate pem = SelfSignedCertificate.create(temp);
    try (HttpServer s = helloOverTls(ServerTls.fromPem(pem.cert(), pem.key()))) {
      assertThat(s.tls()).isTrue();
      int port = s.address().getPort();
      HttpResponse<String> r =
          pem.trustingClient()
              .send(
                  HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/tls"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("Hello from Virga!\n");
      assertThat(r.sslSession()).isPresent();

      HttpClient plain =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      assertThatThrownBy(
              () ->
                  plain.send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                          .timeout(Duration.ofSeconds(10))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
    SelfSignedCertificate pem = SelfSignedCertificate.create(temp);
    try (HttpServer s = helloOverTls(ServerTls.fromPem(pem.cert(), pem.key()))) {
      HttpClient defaults = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(
              () ->
                  defaults.send(
                      HttpRequest.newBuilder(
                              URI.create("https://127.0.0.1:" + s.address().getPort() + "/"))
                          .timeout(Duration.ofSeconds(10))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
  }

  @Test
  void traditionalKeysAsHelmAndOpensslWriteThemServe() throws Exception {
    PemFixtures pki = PemFixtures.create(temp);
    HttpClient trustingCa =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(PemTls.context(pki.ca(), null, null))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    for (PemFixtures.Identity id :
        List.of(pki.rsa("rsa", PemFixtures.SERVER), pki.ec("ec", PemFixtures.SERVER))) {
      assertThat(Files.readString(id.traditionalKey())).matches("(?s)-----BEGIN (RSA|EC) .*");
      try (HttpServer s = helloOverTls(ServerTls.fromPem(id.cert(), id.traditionalKey()))) {
        HttpResponse<String> r =
            trustingCa.send(
                HttpRequest.newBuilder(
                        URI.create("https://localhost:" + s.address().getPort() + "/pkcs1"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(id.traditionalKey().toString()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("Hello from Virga!\n");
      }
    }
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() {
    PemFixtures pki = PemFixtures.create(temp);
    PemFixtures.Identity a = pki.rsa("a", PemFixtures.SERVER);
    PemFixtures.Identity b = pki.rsa("b", PemFixtures.SERVER);
    assertThatThrownBy(() -> ServerTls.fromPem(a.cert(), b.traditionalKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "cannot use TLS certificate "
                + a.cert()
                + " with key "
                + b.traditionalKey()
                + ": the private key in "
                + b.traditionalKey()
                + " does not belong to the certificate CN=a in "
                + a.cert());
  }

  @Test
  void unusableFilesAreNamedWithWhatToDo() throws Exception {
    Path missing = temp.resolve("nope.pem");
    assertThatThrownBy(() -> ServerTls.fromPem(missing, missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TLS file " + missing + " does not exist or is not readable: give a PEM file");
    Path cert = Files.writeString(temp.resolve("c.pem"), "not a certificate\n");
    Path rsa =
        Files.writeString(
            temp.resolve("rsa.pem"),
            "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(() -> ServerTls.fromPem(cert, rsa))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot use TLS certificate "
                + cert
                + " with key "
                + rsa
                + ": the private key in "
                + rsa
                + " is not a valid PKCS#1 RSA key: malformed DER (give a PEM certificate chain and"
                + " its unencrypted PEM key: PKCS#8, PKCS#1 RSA or SEC1 EC)");
    Path key = Files.writeString(temp.resolve("k.pem"), "garbage\n");
    assertThatThrownBy(() -> ServerTls.fromPem(cert, key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot use TLS certificate " + cert + " with key " + key + ": ");
  }
}
