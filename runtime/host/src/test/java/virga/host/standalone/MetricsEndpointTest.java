package virga.host.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import virga.host.health.Health;

/** {@code /metrics}, {@code /healthz} and {@code /readyz} on the host's metrics listener. */
class MetricsEndpointTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> get(MetricsEndpoint e, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.address().getPort() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static MetricsEndpoint start(
      PrometheusMeterRegistry meters, Supplier<Health> live, Supplier<Health> ready)
      throws Exception {
    return MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0), meters, live, ready);
  }

  @Test
  void probesAnswerWhatTheChecksSayAndMetricsAreStillServed() throws Exception {
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter.builder("virga.test.probes").register(meters).increment(3);
    AtomicReference<Health> live = new AtomicReference<>(Health.ok("loop ran 5 ms ago"));
    AtomicReference<Health> ready = new AtomicReference<>(Health.failing("NATS RECONNECTING"));
    try (MetricsEndpoint e = start(meters, live::get, ready::get)) {
      HttpResponse<String> healthz = get(e, "/healthz");
      assertThat(healthz.statusCode()).isEqualTo(200);
      assertThat(healthz.body()).isEqualTo("ok: loop ran 5 ms ago\n");
      assertThat(healthz.headers().firstValue("Content-Type"))
          .hasValue("text/plain; charset=utf-8");
      HttpResponse<String> readyz = get(e, "/readyz");
      assertThat(readyz.statusCode()).isEqualTo(503);
      assertThat(readyz.body()).isEqualTo("failing: NATS RECONNECTING\n");

      ready.set(Health.ok("connected"));
      live.set(Health.failing("loop stuck"));
      assertThat(get(e, "/readyz").statusCode()).isEqualTo(200);
      assertThat(get(e, "/readyz").body()).isEqualTo("ok: connected\n");
      assertThat(get(e, "/healthz").statusCode()).isEqualTo(503);
      assertThat(get(e, "/healthz").body()).isEqualTo("failing: loop stuck\n");

      HttpResponse<String> metrics = get(e, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("virga_test_probes_total 3.0");
      assertThat(get(e, "/healthz/more").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aCheckThatThrowsFailsTheProbe() throws Exception {
    try (MetricsEndpoint e =
        start(
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            () -> {
              throw new IllegalStateException("boom");
            },
            () -> Health.ok("fine"))) {
      HttpResponse<String> r = get(e, "/healthz");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body())
          .isEqualTo("failing: check failed: java.lang.IllegalStateException: boom\n");
      assertThat(get(e, "/readyz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void withoutChecksTheProbesPassWhileServing() throws Exception {
    try (MetricsEndpoint e =
        MetricsEndpoint.start(
            new InetSocketAddress("127.0.0.1", 0),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
      assertThat(get(e, "/healthz").body()).isEqualTo("ok: serving\n");
      assertThat(get(e, "/readyz").statusCode()).isEqualTo(200);
    }
  }
}
