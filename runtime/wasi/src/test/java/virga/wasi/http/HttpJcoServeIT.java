package virga.wasi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Differential: the same wasi:http components served by node {@code jco serve} (preview2-shim) and
 * by {@link HttpServer} must answer the same requests with the same status, the headers that matter
 * and the same body. Needs node and {@code cd guests/tools && npm install}.
 */
@Timeout(300)
class HttpJcoServeIT {
  private static final Path JCO = HttpGuests.DIR.resolve("tools/node_modules/.bin/jco");
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  record Answer(int status, String contentType, String echoMethod, byte[] body) {
    @Override
    public String toString() {
      return status + " " + contentType + " " + echoMethod + " " + body.length + " bytes";
    }
  }

  /** One request, built for either server. */
  record Req(String method, String path, String contentType, byte[] body) {
    HttpRequest to(int port) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(60))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      if (contentType != null) {
        b.header("content-type", contentType);
      }
      return b.build();
    }
  }

  @Test
  void helloAndEchoAnswerLikeJcoServe() throws Exception {
    assumeTrue(Files.isExecutable(JCO), "jco not installed (cd guests/tools && npm install)");
    byte[] body = new byte[200_000];
    new Random(3).nextBytes(body);
    compare(
        "hello",
        List.of(
            new Req("GET", "/", null, null),
            new Req("GET", "/some/path?q=1", null, null),
            new Req("POST", "/", "text/plain", "ignored".getBytes()),
            new Req("HEAD", "/", null, null)));
    compare(
        "echo",
        List.of(
            new Req("POST", "/echo", "application/octet-stream", body),
            new Req("PUT", "/echo", "text/plain", "hello wasi:http".getBytes()),
            new Req("GET", "/echo", null, null),
            new Req("POST", "/count", null, body),
            new Req("PATCH", "/echo", null, "x".getBytes())));
  }

  private void compare(String guest, List<Req> requests) throws Exception {
    int port = freePort();
    Process node = startJco(guest, port);
    try (HttpServer jvm = HttpGuests.serve(guest)) {
      waitUp(port);
      for (Req r : requests) {
        Answer expected = send(r.to(port));
        Answer actual = send(r.to(jvm.address().getPort()));
        String what = guest + " " + r.method() + " " + r.path();
        assertThat(actual.status()).as(what).isEqualTo(expected.status());
        assertThat(actual.contentType()).as(what).isEqualTo(expected.contentType());
        assertThat(actual.echoMethod()).as(what).isEqualTo(expected.echoMethod());
        assertThat(actual.body()).as(what).isEqualTo(expected.body());
      }
    } finally {
      stopWithChildren(node);
    }
  }

  /**
   * Stops {@code jco serve} and the node server it forks: the child would outlive its parent
   * (reparented, still listening) if only the parent were killed.
   */
  static void stopWithChildren(Process process) throws Exception {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
    for (ProcessHandle child : children) {
      try {
        child.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        child.destroyForcibly();
      }
    }
    assertThat(children).as("jco serve's children after stop").noneMatch(ProcessHandle::isAlive);
  }

  private Answer send(HttpRequest r) throws IOException, InterruptedException {
    HttpResponse<byte[]> resp = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(
        resp.statusCode(),
        resp.headers().firstValue("content-type").orElse(null),
        resp.headers().firstValue("x-echo-method").orElse(null),
        resp.body());
  }

  private static Process startJco(String guest, int port) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(JCO.toAbsolutePath().toString());
    cmd.add("serve");
    cmd.add("--host");
    cmd.add("127.0.0.1");
    cmd.add("--port");
    cmd.add(String.valueOf(port));
    cmd.add(HttpGuests.wasm(guest).toAbsolutePath().toString());
    Path dir = Files.createTempDirectory("jco-serve");
    return new ProcessBuilder(cmd)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("serve.log").toFile())
        .start();
  }

  private void waitUp(int port) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      try {
        send(new Req("GET", "/", null, null).to(port));
        return;
      } catch (IOException e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
