package virga.e2e.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A plain HTTP/1.1 GET on a loopback address with any {@code Host} header (what an ingress
 * forwards).
 */
public final class Http {
  private Http() {}

  /** An HTTP answer. */
  public record Response(int status, String body) {}

  /** {@code GET path} on {@code address:port} with {@code Host: host}. */
  public static Response get(String address, int port, String host, String path)
      throws IOException {
    try (Socket s = new Socket(address, port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (raw.length() < 12) {
        throw new IOException("no HTTP answer from " + address + ":" + port + ": '" + raw + "'");
      }
      int status = Integer.parseInt(raw.substring(9, 12));
      int end = raw.indexOf("\r\n\r\n");
      String body = raw.substring(end + 4);
      if (raw.substring(0, end).toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      return new Response(status, body);
    }
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", i);
      int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
  }
}
