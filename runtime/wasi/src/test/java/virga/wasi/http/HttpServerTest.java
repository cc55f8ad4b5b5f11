package virga.wasi.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wasi:http server on real guests, through the JDK HttpClient and raw sockets. */
@Timeout(120)
class HttpServerTest {
  static HttpServer hello;
  static HttpServer echo;
  static HttpClient client;

  @BeforeAll
  static void start() {
    hello = HttpGuests.serve("hello");
    echo =
        HttpGuests.serve(
            "echo",
            HttpServerConfig.DEFAULT
                .withMaxRequestBody(4 * 1024 * 1024)
                .withRequestTimeout(Duration.ofSeconds(20)),
            virga.wasi.NetworkPolicy.DENY_ALL);
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterAll
  static void stop() {
    hello.close();
    echo.close();
  }

  static URI uri(HttpServer s, String path) {
    return URI.create("http://127.0.0.1:" + s.address().getPort() + path);
  }

  static HttpResponse<String> get(HttpServer s, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(s, path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void helloAnswersManyRequestsEachInAFreshInstance() throws Exception {
    long before = hello.requests();
    HttpResponse<String> r = null;
    for (int i = 0; i < 50; i++) {
      r = get(hello, "/x?i=" + i);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("Hello from Virga!\n");
      assertThat(r.headers().firstValue("content-type")).hasValue("text/plain");
    }
    // once warm, set + write-and-flush + finish leaves as one message with a length (cold, the
    // finish may come after the coalescing window and the body is chunked)
    assertThat(r.headers().firstValue("content-length")).hasValue("18");
    assertThat(hello.requests() - before).isEqualTo(50);
    assertThat(hello.runner().meanInstantiateNanos()).isPositive();
  }

  @Test
  void aGuestThatNeverReadsItsBodyDoesNotWedgeTheConnection() throws Exception {
    for (int size : new int[] {100_000, 3_000_000}) {
      byte[] body = new byte[size];
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(uri(hello, "/"))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("Hello from Virga!\n");
      assertThat(get(hello, "/again").statusCode()).isEqualTo(200);
    }
    // on one raw connection: the unread body is drained and the next request is answered
    try (Socket s = new Socket("127.0.0.1", hello.address().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 50000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[50_000]);
      out.write("GET /2 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String got = readResponses(s.getInputStream(), 2);
      assertThat(got.split("Hello from Virga!", -1)).hasSize(3);
    }
  }

  @Test
  void echoStreamsBodiesBothWays() throws Exception {
    byte[] body = new byte[1_500_000];
    new Random(7).nextBytes(body);
    HttpResponse<byte[]> r =
        client.send(
            HttpRequest.newBuilder(uri(echo, "/echo"))
                .header("content-type", "application/x-test")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/x-test");
    assertThat(r.headers().firstValue("x-echo-method")).hasValue("POST");
    assertThat(r.body()).isEqualTo(body);

    // a chunked request body of unknown length
    HttpResponse<byte[]> chunked =
        client.send(
            HttpRequest.newBuilder(uri(echo, "/echo"))
                .method(
                    "PUT",
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(chunked.headers().firstValue("x-echo-method")).hasValue("PUT");
    assertThat(chunked.body()).isEqualTo(body);
  }

  @Test
  void requestTrailersComeBackAsResponseTrailers() throws Exception {
    try (Socket s = new Socket("127.0.0.1", echo.address().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + "5\r\nhello\r\n6\r\n world\r\n0\r\nx-checksum: abc\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String got = readResponses(s.getInputStream(), 1);
      assertThat(got).contains("transfer-encoding: chunked");
      assertThat(got).contains("hello").contains(" world");
      assertThat(got).endsWith("0\r\nx-checksum: abc\r\n\r\n");
    }
  }

  @Test
  void aTrapIsA500AndTheConnectionSurvives() throws Exception {
    try (Socket s = new Socket("127.0.0.1", echo.address().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write("GET /trap HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String first = readResponses(s.getInputStream(), 1);
      assertThat(first).startsWith("HTTP/1.1 500");
      out.write("GET /noresponse HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String second = readResponses(s.getInputStream(), 1);
      assertThat(second).startsWith("HTTP/1.1 500").contains("without setting a response");
      out.write(
          "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readResponses(s.getInputStream(), 1))
          .startsWith("HTTP/1.1 200")
          .contains("\r\nok");
    }
    assertThat(echo.traps()).isPositive();
  }

  @Test
  void fieldsRulesAsTheGuestSeesThem() throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(uri(echo, "/headers")).header("X-Test", "v1").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.body())
        .isEqualTo(
            String.join(
                "\n",
                "append-bad-name=invalid-syntax",
                "append-bad-value=invalid-syntax",
                "append-connection=forbidden",
                "append-host=forbidden",
                "append-ok=ok",
                "set-bad-name=invalid-syntax",
                "delete-transfer-encoding=forbidden",
                "request-headers-append=immutable",
                "x-test=v1",
                "host-visible=no",
                "from-list-bad-name=invalid-syntax",
                ""));
  }

  @Test
  void oversizedBodiesAreBounded() throws Exception {
    // declared too large: 413 before the guest runs
    try (Socket s = new Socket("127.0.0.1", echo.address().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              "POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponses(s.getInputStream(), 1)).startsWith("HTTP/1.1 413");
    }
    // streamed past the bound: the guest's read fails with HTTP-request-body-size
    byte[] big = new byte[5 * 1024 * 1024];
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(uri(echo, "/count"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).isEqualTo("error=HTTP-request-body-size\n");
    // within the bound
    HttpResponse<String> ok =
        client.send(
            HttpRequest.newBuilder(uri(echo, "/count"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1_000_000]))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ok.body()).isEqualTo("bytes=1000000\n");
  }

  @Test
  void malformedRequestsAreRefused() throws Exception {
    try (Socket s = new Socket("127.0.0.1", hello.address().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write("GET / HTTP/1.1\r\nBad Header\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponses(s.getInputStream(), 1)).startsWith("HTTP/1.1 400");
    }
    try (Socket s = new Socket("127.0.0.1", hello.address().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              ("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponses(s.getInputStream(), 1)).startsWith("HTTP/1.1 414");
    }
  }

  /**
   * Reads {@code n} complete responses (content-length or chunked bodies) as Latin-1 text, with
   * their heads.
   */
  static String readResponses(InputStream in, int n) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      String head = readHead(in);
      all.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
      String lower = head.toLowerCase(java.util.Locale.ROOT);
      int cl = lower.indexOf("content-length:");
      if (cl >= 0) {
        int end = lower.indexOf("\r\n", cl);
        int len = Integer.parseInt(lower.substring(cl + 15, end).trim());
        all.writeBytes(in.readNBytes(len));
      } else if (lower.contains("transfer-encoding: chunked")) {
        while (true) {
          String size = readLine(in);
          all.writeBytes((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          int len = Integer.parseInt(size.trim(), 16);
          if (len == 0) {
            String line;
            do {
              line = readLine(in);
              all.writeBytes((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            } while (!line.isEmpty());
            break;
          }
          all.writeBytes(in.readNBytes(len + 2));
        }
      }
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    String line;
    while (!(line = readLine(in)).isEmpty()) {
      sb.append(line).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    if (c == -1 && sb.length() == 0) {
      throw new IOException("connection closed");
    }
    return sb.toString();
  }
}
