package virga.host.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.Component;
import virga.component.Engine;
import virga.component.core.InstanceLimits;
import virga.host.testing.RawResponses;
import virga.wasi.WasiContext;
import virga.wasi.http.HttpServer;
import virga.wasi.http.HttpServerConfig;
import virga.wasi.http.IncomingHandlerRunner;

/** Host-header routing through the real HTTP server to real wasi:http guests. */
@Timeout(120)
class HostRouterIT {
  static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
  static final HostRouter ROUTER = new HostRouter(METERS);
  static HttpServer server;

  @BeforeAll
  static void start() throws Exception {
    Engine engine = Engine.create();
    ROUTER.register("w-hello", Set.of("hello.localhost", "hi.localhost"), runner(engine, "hello"));
    ROUTER.register("w-echo", Set.of("echo.localhost"), runner(engine, "echo"));
    server =
        HttpServer.start(ROUTER, new InetSocketAddress("127.0.0.1", 0), HttpServerConfig.DEFAULT);
  }

  static IncomingHandlerRunner runner(Engine engine, String name) throws Exception {
    Component c =
        engine.compile(
            Files.readAllBytes(Path.of("../../guests/wasm/wasi-http-" + name + ".wasm")));
    return new IncomingHandlerRunner(
        c, null, () -> WasiContext.builder().build(), InstanceLimits.NONE);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Sends one raw HTTP/1.1 request and returns the whole response (the server closes it). */
  static String send(String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  static String get(String hostHeader) throws Exception {
    return send(
        "GET /x HTTP/1.1\r\n"
            + (hostHeader == null ? "" : "Host: " + hostHeader + "\r\n")
            + "Connection: close\r\n\r\n");
  }

  @Test
  void routesByHostHeaderWithPortStripped() throws Exception {
    String r = get("hello.localhost:8080");
    assertThat(r).startsWith("HTTP/1.1 200 OK");
    assertThat(RawResponses.body(r)).isEqualTo("Hello from Virga!\n");
    String hi = get("HI.localhost");
    assertThat(hi).startsWith("HTTP/1.1 200 OK");
    assertThat(RawResponses.body(hi)).isEqualTo("Hello from Virga!\n");
  }

  @Test
  void eachHostReachesItsOwnWorkload() throws Exception {
    String r =
        send(
            "POST /e HTTP/1.1\r\nHost: echo.localhost\r\nContent-Length: 5\r\n"
                + "Connection: close\r\n\r\nhello");
    assertThat(r).startsWith("HTTP/1.1 200 OK");
    // chunked or not depends on timing: compare the body without its framing
    assertThat(RawResponses.body(r)).isEqualTo("hello");
  }

  @Test
  void unknownHostIs404AndMissingHostIs400() throws Exception {
    assertThat(get("nobody.localhost"))
        .startsWith("HTTP/1.1 404 Not Found")
        .endsWith("no workload serves host 'nobody.localhost'\n");
    assertThat(send("GET / HTTP/1.0\r\n\r\n"))
        .startsWith("HTTP/1.1 400 Bad Request")
        .endsWith("missing Host header: the host routes requests by it\n");
  }

  @Test
  void unregisterRemovesTheRoutes() throws Exception {
    ROUTER.register("w-tmp", Set.of("tmp.localhost"), ROUTER);
    assertThat(ROUTER.hosts()).contains("tmp.localhost");
    ROUTER.unregister("w-tmp");
    ROUTER.unregister("w-tmp");
    assertThat(ROUTER.hosts())
        .containsExactlyInAnyOrder("hello.localhost", "hi.localhost", "echo.localhost");
    assertThat(get("tmp.localhost")).startsWith("HTTP/1.1 404 Not Found");
  }
}
