package virga.wasi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.component.core.InstanceLimits;
import virga.wasi.NetworkPolicy;
import virga.wasi.WasiContext;

/**
 * The wasi:http server over TLS with a self-signed certificate made at test time ({@code openssl}),
 * called by the JDK HttpClient that trusts only that certificate.
 */
class HttpServerTlsTest {
  static final Path OPENSSL = Path.of("/usr/bin/openssl");

  @TempDir Path temp;

  Path[] selfSigned() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed");
    Path cert = temp.resolve("cert.pem");
    Path key = temp.resolve("key.pem");
    Process p =
        new ProcessBuilder(
                OPENSSL.toString(),
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("openssl.log").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(temp.resolve("openssl.log"))).isZero();
    return new Path[] {cert, key};
  }

  static HttpClient trusting(Path cert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry(
          "virga-test", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(ctx)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

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
    Path[] pem = selfSigned();
    try (HttpServer s = helloOverTls(ServerTls.fromPem(pem[0], pem[1]))) {
      assertThat(s.tls()).isTrue();
      int port = s.address().getPort();
      HttpResponse<String> r =
          trusting(pem[0])
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
    Path[] pem = selfSigned();
    try (HttpServer s = helloOverTls(ServerTls.fromPem(pem[0], pem[1]))) {
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
