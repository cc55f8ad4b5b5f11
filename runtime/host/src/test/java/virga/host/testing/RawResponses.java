package virga.host.testing;

import java.util.Locale;

/** Reads a raw HTTP/1.1 response as tests receive it from a socket. */
public final class RawResponses {
  private RawResponses() {}

  /** The status code of {@code raw}. */
  public static int status(String raw) {
    return Integer.parseInt(raw.substring(9, 12));
  }

  /** The body of {@code raw}, with chunked framing removed (the server chunks when it must). */
  public static String body(String raw) {
    int head = raw.indexOf("\r\n\r\n");
    String body = raw.substring(head + 4);
    if (!raw.substring(0, head).toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
      return body;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int eol = body.indexOf("\r\n", i);
      int size = Integer.parseInt(body.substring(i, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(body, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
  }
}
