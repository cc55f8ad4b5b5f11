package virga.host.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.host.health.Health;
import virga.host.nats.NatsEndpoint;
import virga.host.plugin.PluginRegistry;
import virga.testsupport.FreePorts;
import virga.testsupport.NatsServerExtension;

/**
 * A cluster host's {@code /healthz} and {@code /readyz} on its metrics listener, against a real
 * nats-server that is stopped and started again: readiness follows the scheduler connection,
 * liveness the heartbeat loop, which a NATS outage does not stop.
 */
@Timeout(90)
class ClusterHostHealthIT {
  @RegisterExtension static NatsServerExtension nats = new NatsServerExtension();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> get(ClusterHost host, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + host.metricsAddress().getPort() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls {@code /readyz} until it answers {@code status}; fails with the last answer. */
  private static void awaitReadyz(ClusterHost host, int status, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    HttpResponse<String> last = get(host, "/readyz");
    while (last.statusCode() != status) {
      assertThat(System.nanoTime())
          .as("/readyz still answers %d %s", last.statusCode(), last.body())
          .isLessThan(deadline);
      Thread.sleep(50);
      last = get(host, "/readyz");
    }
  }

  @Test
  void readinessFollowsTheSchedulerConnectionAndLivenessTheLoop() throws Exception {
    ClusterHost host =
        ClusterHost.builder()
            .identity(new HostIdentity("health-host", "10.0.0.9", "health-host"))
            .scheduler(NatsEndpoint.of(nats.url()))
            .metricsAddress(new InetSocketAddress("127.0.0.1", 0))
            .heartbeatInterval(Duration.ofMillis(200))
            .plugins(PluginRegistry.discover(null))
            .start();
    try {
      awaitReadyz(host, 200, Duration.ofSeconds(10));
      assertThat(get(host, "/readyz").body())
          .isEqualTo("ok: connected to " + nats.url() + ", subscribed to commands\n");
      HttpResponse<String> live = get(host, "/healthz");
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).startsWith("ok: heartbeat loop ran ").endsWith(" ms ago\n");

      nats.server().stop();
      awaitReadyz(host, 503, Duration.ofSeconds(10));
      assertThat(get(host, "/readyz").body())
          .startsWith("failing: scheduler NATS ")
          .endsWith(" (" + nats.url() + ")\n");
      // a restart would not bring NATS back: the loop still runs, so the host stays live
      Thread.sleep(600);
      assertThat(get(host, "/healthz").statusCode()).isEqualTo(200);

      nats.server().start();
      awaitReadyz(host, 200, Duration.ofSeconds(20));
    } finally {
      host.close();
    }
    assertThat(host.readiness()).isEqualTo(Health.failing("draining"));
    assertThat(host.liveness()).isEqualTo(Health.ok("draining"));
  }

  @Test
  void aHostWaitingForNatsIsLiveButNotReady() throws Exception {
    nats.server().stop();
    int metricsPort = FreePorts.find();
    CompletableFuture<ClusterHost> started =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                // start() waits for the first connect; the probes are served meanwhile
                return ClusterHost.builder()
                    .identity(new HostIdentity("early-host", "10.0.0.10", "early-host"))
                    .scheduler(NatsEndpoint.of(nats.url()))
                    .metricsAddress(new InetSocketAddress("127.0.0.1", metricsPort))
                    .heartbeatInterval(Duration.ofMillis(200))
                    .plugins(PluginRegistry.discover(null))
                    .start();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    ClusterHost host = null;
    try {
      HttpResponse<String> ready = awaitProbe(metricsPort, "/readyz");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).isEqualTo("failing: not subscribed to commands yet\n");
      HttpResponse<String> live = awaitProbe(metricsPort, "/healthz");
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).isEqualTo("ok: starting\n");
    } finally {
      // NATS comes (back) in every case, so start() returns and the host can be closed
      nats.server().start();
      host = started.get(30, TimeUnit.SECONDS);
    }
    try {
      awaitReadyz(host, 200, Duration.ofSeconds(20));
    } finally {
      host.close();
    }
  }

  /** The first answer of {@code path} on 127.0.0.1:{@code port} once it listens (10 s at most). */
  private static HttpResponse<String> awaitProbe(int port, String path) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!FreePorts.isListening(port)) {
      assertThat(System.nanoTime()).as("nothing listens on %d", port).isLessThan(deadline);
      Thread.sleep(50);
    }
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
