package virga.host.standalone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import virga.host.health.Health;

/**
 * Serves the host's meters as Prometheus text on {@code /metrics}, and its probes: {@code /healthz}
 * (live) and {@code /readyz} (ready), 200 with {@code ok: DETAIL} or 503 with the reason.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private static final Health ALWAYS = Health.ok("serving");

  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  /** Serves {@code /metrics}, with probes that pass while the endpoint serves. */
  public static MetricsEndpoint start(InetSocketAddress address, PrometheusMeterRegistry registry)
      throws IOException {
    return start(address, registry, () -> ALWAYS, () -> ALWAYS);
  }

  /**
   * Serves {@code /metrics}, {@code /healthz} from {@code liveness} and {@code /readyz} from {@code
   * readiness}; the checks run on each request, so they must be cheap and must not block.
   */
  public static MetricsEndpoint start(
      InetSocketAddress address,
      PrometheusMeterRegistry registry,
      Supplier<Health> liveness,
      Supplier<Health> readiness)
      throws IOException {
    Objects.requireNonNull(liveness, "liveness");
    Objects.requireNonNull(readiness, "readiness");
    HttpServer server = HttpServer.create(address, 0);
    server.createContext(
        "/metrics",
        ex ->
            send(
                ex,
                200,
                "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8)));
    server.createContext("/healthz", ex -> probe(ex, liveness));
    server.createContext("/readyz", ex -> probe(ex, readiness));
    server.start();
    return new MetricsEndpoint(server);
  }

  private static void probe(HttpExchange ex, Supplier<Health> check) throws IOException {
    if (!ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath())) {
      send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    Health h;
    try {
      h = check.get();
    } catch (RuntimeException e) {
      // a check that throws is a failing check, never a hung or reset probe
      h = Health.failing("check failed: " + e);
    }
    String body = (h.ok() ? "ok: " : "failing: ") + h.detail() + "\n";
    send(
        ex, h.ok() ? 200 : 503, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(status, -1);
      ex.close();
      return;
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
