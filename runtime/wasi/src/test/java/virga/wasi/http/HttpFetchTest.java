package virga.wasi.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.wasi.NetworkPolicy;

/** wasi:http/outgoing-handler through the fetch guest: egress policy, errors, timeouts. */
@Timeout(120)
class HttpFetchTest {
  static com.sun.net.httpserver.HttpServer upstream;
  static int upstreamPort;
  static final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void startUpstream() throws Exception {
    upstream = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext(
        "/",
        ex -> {
          if (ex.getRequestURI().getPath().equals("/slow")) {
            try {
              Thread.sleep(3000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          String from = String.valueOf(ex.getRequestHeaders().getFirst("x-from"));
          byte[] b =
              ("path=" + ex.getRequestURI() + " x-from=" + from).getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(201, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    upstream.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    upstream.start();
    upstreamPort = upstream.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    upstream.stop(0);
  }

  static HttpResponse<String> fetch(HttpServer s, String authority, String path, String timeoutMs)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.address().getPort() + "/"))
            .timeout(Duration.ofSeconds(30))
            .header("x-target-authority", authority)
            .header("x-target-path", path);
    if (timeoutMs != null) {
      b.header("x-timeout-ms", timeoutMs);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static NetworkPolicy allowOnly(String host, int port) {
    return (use, a) ->
        use == NetworkPolicy.Use.TCP_CONNECT
            && a.getHostString().equals(host)
            && a.getPort() == port;
  }

  @Test
  void allowedDestinationsAreFetchedAndOthersDenied() throws Exception {
    try (HttpServer s =
        HttpGuests.serve("fetch", HttpServerConfig.DEFAULT, allowOnly("127.0.0.1", upstreamPort))) {
      HttpResponse<String> ok = fetch(s, "127.0.0.1:" + upstreamPort, "/hello?x=1", null);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("upstream=201\npath=/hello?x=1 x-from=virga-fetch");

      HttpResponse<String> denied = fetch(s, "localhost:" + upstreamPort, "/", null);
      assertThat(denied.statusCode()).isEqualTo(502);
      assertThat(denied.body()).isEqualTo("error=HTTP-request-denied\n");
    }
    try (HttpServer s = HttpGuests.serve("fetch")) { // the default policy denies everything
      assertThat(fetch(s, "127.0.0.1:" + upstreamPort, "/", null).body())
          .isEqualTo("error=HTTP-request-denied\n");
    }
  }

  @Test
  void connectionErrorsAndTimeoutsMapToErrorCodes() throws Exception {
    int closed;
    try (ServerSocket ss = new ServerSocket(0)) {
      closed = ss.getLocalPort();
    }
    try (HttpServer s =
        HttpGuests.serve("fetch", HttpServerConfig.DEFAULT, NetworkPolicy.ALLOW_ALL)) {
      assertThat(fetch(s, "127.0.0.1:" + closed, "/", null).body())
          .isEqualTo("error=connection-refused\n");
      assertThat(fetch(s, "127.0.0.1:" + upstreamPort, "/slow", "300").body())
          .isEqualTo("error=connection-read-timeout\n");
      assertThat(fetch(s, "127.0.0.1:" + upstreamPort, "/slow", "10000").body())
          .startsWith("upstream=201\n");
    }
  }
}
