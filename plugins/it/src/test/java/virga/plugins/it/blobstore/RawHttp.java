package virga.plugins.it.blobstore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 request per connection over a plain socket, so the test sets the {@code Host} header
 * the host routes by (the JDK client refuses to), and reads a plain or chunked body.
 */
final class RawHttp {
  /** A response: status and body bytes. */
  record Response(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }

  private final InetSocketAddress address;
  private final String host;

  RawHttp(InetSocketAddress address, String host) {
    this.address = address;
    this.host = host;
  }

  Response send(String method, String path, byte[] body) throws IOException {
    try (Socket s = new Socket(address.getAddress(), address.getPort())) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      String head =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: "
              + host
              + "\r\nConnection: close\r\n"
              + (body == null ? "" : "Content-Length: " + body.length + "\r\n")
              + "\r\n";
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return parse(s.getInputStream().readAllBytes());
    }
  }

  Response get(String path) throws IOException {
    return send("GET", path, null);
  }

  Response put(String path, byte[] body) throws IOException {
    return send("PUT", path, body);
  }

  Response put(String path, String body) throws IOException {
    return put(path, body.getBytes(StandardCharsets.UTF_8));
  }

  Response delete(String path) throws IOException {
    return send("DELETE", path, null);
  }

  private static Response parse(byte[] raw) throws IOException {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (end < 0) {
      throw new IOException(
          "no complete response head: " + new String(raw, StandardCharsets.ISO_8859_1));
    }
    String head = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(head.substring(9, 12));
    byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    boolean chunked =
        head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
    return new Response(status, chunked ? unchunk(rest) : rest);
  }

  private static byte[] unchunk(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (true) {
      int eol = indexOf(b, new byte[] {'\r', '\n'}, i);
      if (eol < 0) {
        throw new IOException("truncated chunked body");
      }
      String size = new String(b, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
      int n = Integer.parseInt(size, 16);
      if (n == 0) {
        return out.toByteArray();
      }
      out.write(b, eol + 2, n);
      i = eol + 2 + n + 2;
    }
  }

  private static int indexOf(byte[] b, byte[] what, int from) {
    outer:
    for (int i = from; i + what.length <= b.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (b[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
