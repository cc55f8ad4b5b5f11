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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.component.core.InstanceLimits;
import virga.testsupport.SelfSignedCertificate;
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
        .hasMessageStartingWith("TLS key " + rsa + " is in the traditional (PKCS#1/SEC1) format");
    Path key = Files.writeString(temp.resolve("k.pem"), "garbage\n");
    assertThatThrownBy(() -> ServerTls.fromPem(cert, key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot use TLS certificate " + cert + " with key " + key + ": ");
  }
}
