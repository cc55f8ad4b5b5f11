package virga.bench.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 GET with a chosen {@code Host} header over a plain socket (the JDK's HttpClient
 * refuses to set Host), for the harness's checks, not for load.
 */
final class RawHttp {
  /** Status code and body of a response. */
  record Response(int status, String body) {}

  private RawHttp() {}

  static Response get(InetSocketAddress server, String host) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(server, 5_000);
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      int sp = raw.indexOf(' ');
      int headEnd = raw.indexOf("\r\n\r\n");
      if (sp < 0 || headEnd < 0) {
        throw new IOException("not an HTTP response from " + server + ": " + raw);
      }
      int status = Integer.parseInt(raw.substring(sp + 1, sp + 4));
      String head = raw.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
      String body = raw.substring(headEnd + 4);
      if (head.contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new Response(status, body);
    }
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < chunked.length()) {
      int eol = chunked.indexOf("\r\n", i);
      int size = Integer.parseInt(chunked.substring(i, eol).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
    return out.toString();
  }
}
