package virga.host.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import virga.host.nats.NatsEndpoint;
import virga.host.plugin.PluginRegistry;
import virga.protocol.v2.WorkloadState;
import virga.testsupport.NatsServerExtension;
import virga.testsupport.SelfSignedCertificate;
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
    SelfSignedCertificate pem = SelfSignedCertificate.create(temp);

    try (Bus bus = new Bus(nats.url());
        ClusterHost host =
            ClusterHost.builder()
                .identity(new HostIdentity("tls-host", "10.0.0.7", "tls-host"))
                .scheduler(NatsEndpoint.of(nats.url()))
                .httpAddress(new InetSocketAddress("127.0.0.1", 0))
                .tls(ServerTls.fromPem(pem.cert(), pem.key()))
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
          pem.trustingClient()
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
}
