package virga.host.cluster;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import virga.host.nats.NatsEndpoint;
import virga.host.plugin.PluginRegistry;
import virga.protocol.v2.WorkloadState;
import virga.testsupport.NatsServerExtension;
import virga.testsupport.Prerequisites;
import virga.wasi.http.ServerTls;

/**
 * A cluster host whose ingress serves TLS ({@code --tls-cert-path/--tls-key-path}): a workload
 * started over NATS answers HTTPS, routed by Host header, with a certificate made at test time.
 */
class ClusterHostTlsIT {
  @RegisterExtension static NatsServerExtension nats = new NatsServerExtension();

  @TempDir Path temp;

  @Test
  void aWorkloadAnswersOverTheTlsIngress() throws Exception {
    Path openssl = Path.of("/usr/bin/openssl");
    var openSsl = Prerequisites.check("openssl", java.util.List.of(openssl));
    Assumptions.assumeFalse(openSsl.isDisabled(), openSsl.getReason().orElse(""));
    Path cert = temp.resolve("cert.pem");
    Path key = temp.resolve("key.pem");
    Process p =
        new ProcessBuilder(
                openssl.toString(),
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
                "subjectAltName=DNS:localhost",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("openssl.log").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();

    try (Bus bus = new Bus(nats.url());
        ClusterHost host =
            ClusterHost.builder()
                .identity(new HostIdentity("tls-host", "10.0.0.7", "tls-host"))
                .scheduler(NatsEndpoint.of(nats.url()))
                .httpAddress(new InetSocketAddress("127.0.0.1", 0))
                .tls(ServerTls.fromPem(cert, key))
                .plugins(PluginRegistry.discover(null))
                .start()) {
      assertThat(
              ClusterHostIT.start(
                      bus,
                      "tls-host",
                      ClusterHostIT.hello("t1", ClusterHostIT.HELLO.toString(), "localhost"))
                  .getWorkloadState())
          .isEqualTo(WorkloadState.WORKLOAD_STATE_RUNNING);

      HttpResponse<String> r =
          trusting(cert)
              .send(
                  HttpRequest.newBuilder(
                          URI.create("https://localhost:" + host.httpAddress().getPort() + "/"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("Hello from Virga!\n");
      assertThat(host.heartbeat().getHttpPort()).isEqualTo(host.httpAddress().getPort());
    }
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
}
