package virga.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** The operator's HTTP endpoints on the JDK's HTTP server: /healthz, /readyz and /metrics. */
public final class HttpEndpoints implements AutoCloseable {
  /** A probe's answer. */
  public record Probe(boolean ok, String detail) {}

  private final HttpServer server;

  private HttpEndpoints(HttpServer server) {
    this.server = server;
  }

  /**
   * Parses a bind address like controller-runtime: {@code :8081} for every interface, {@code
   * host:port}, and "0" (or empty) for off, which returns null.
   */
  public static InetSocketAddress parse(String bind) {
    if (bind == null || bind.isBlank() || bind.equals("0")) {
      return null;
    }
    int colon = bind.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("bind address must be [host]:port, got " + bind);
    }
    String host = bind.substring(0, colon);
    int port;
    try {
      port = Integer.parseInt(bind.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in bind address " + bind, e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bad port in bind address " + bind);
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  /** Serves /healthz and /readyz on {@code bind}; null when disabled. */
  public static HttpEndpoints health(String bind, Supplier<Probe> live, Supplier<Probe> ready)
      throws IOException {
    InetSocketAddress address = parse(bind);
    if (address == null) {
      return null;
    }
    HttpServer server = HttpServer.create(address, 0);
    server.createContext("/healthz", ex -> probe(ex, live.get()));
    server.createContext("/readyz", ex -> probe(ex, ready.get()));
    return start(server);
  }

  /** Serves /metrics (Prometheus text) on {@code bind}; null when disabled. */
  public static HttpEndpoints metrics(String bind, Supplier<String> scrape) throws IOException {
    InetSocketAddress address = parse(bind);
    if (address == null) {
      return null;
    }
    HttpServer server = HttpServer.create(address, 0);
    server.createContext(
        "/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", scrape.get()));
    return start(server);
  }

  private static HttpEndpoints start(HttpServer server) {
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "http-endpoints");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return new HttpEndpoints(server);
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void probe(HttpExchange ex, Probe probe) throws IOException {
    send(ex, probe.ok() ? 200 : 503, "text/plain; charset=utf-8", probe.detail() + "\n");
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
