package virga.plugins.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A database to pool: its JDBC URL (with credentials, the pool key), a name without credentials
 * (pool name and metric tag) and the pool size. Built from wasmCloud's URL form {@code
 * postgres://user:pass@host:port[/db]?sslmode=require&pool_size=10} (or {@code postgresql://}, or a
 * {@code jdbc:postgresql://} URL) plus, for unnamed entries, the entry's {@code database}.
 */
record DatabaseUrl(String jdbcUrl, String displayName, int poolSize) {
  /** wasmCloud's default pool size. */
  static final int DEFAULT_POOL_SIZE = 10;

  /** {@code url} with its database set to {@code database} (when not null). */
  static DatabaseUrl of(String url, String database) {
    String s = url.trim();
    if (s.startsWith("jdbc:")) {
      s = s.substring("jdbc:".length());
    }
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      // the message would echo the URL, credentials included
      throw new IllegalArgumentException("not a postgres:// URL (malformed)");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("postgres") || scheme.equals("postgresql"))) {
      throw new IllegalArgumentException(
          "not a postgres:// URL (scheme " + scheme + "; expected postgres or postgresql)");
    }
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("postgres URL without host");
    }
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String db = database;
    if (db == null) {
      String path = uri.getPath() == null ? "" : uri.getPath();
      db = path.startsWith("/") ? path.substring(1) : path;
    }
    if (db.isEmpty()) {
      throw new IllegalArgumentException("postgres URL without database");
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String kv : uri.getRawQuery().split("&")) {
        if (kv.isEmpty()) {
          continue;
        }
        int eq = kv.indexOf('=');
        String k = decode(eq < 0 ? kv : kv.substring(0, eq));
        params.put(k, eq < 0 ? "" : decode(kv.substring(eq + 1)));
      }
    }
    if (uri.getRawUserInfo() != null) {
      String info = uri.getRawUserInfo();
      int colon = info.indexOf(':');
      params.putIfAbsent("user", decode(colon < 0 ? info : info.substring(0, colon)));
      if (colon >= 0) {
        params.putIfAbsent("password", decode(info.substring(colon + 1)));
      }
    }
    int poolSize = DEFAULT_POOL_SIZE;
    String size = params.remove("pool_size");
    if (size != null) {
      try {
        poolSize = Integer.parseInt(size);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("pool_size is not a number: " + size);
      }
      if (poolSize < 1) {
        throw new IllegalArgumentException("pool_size must be at least 1, not " + poolSize);
      }
    }
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    params.forEach((k, v) -> query.add(encode(k) + "=" + encode(v)));
    String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    return new DatabaseUrl(
        "jdbc:postgresql://" + hostPort + "/" + encode(db) + query, hostPort + "/" + db, poolSize);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Never the credentials. */
  @Override
  public String toString() {
    return "DatabaseUrl[" + displayName + ", pool size " + poolSize + "]";
  }
}
