package virga.bench.plugins;

import io.nats.client.Connection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One {@code wasi:keyvalue} backend as the benchmark runs it: the plugin's host settings, the
 * host's shared NATS connection (null unless the backend uses it), the plain peer client and the
 * connections to close with it.
 */
record KvTarget(
    String backend,
    Map<String, String> settings,
    Connection shared,
    PlainKv plain,
    List<Connection> connections)
    implements AutoCloseable {

  /** The target for {@code backend} on {@code servers}; files under {@code dir}. */
  static KvTarget of(String backend, BenchServers servers, Path dir) throws Exception {
    return switch (backend) {
      case "in-memory" ->
          new KvTarget(backend, Map.of("backend", backend), null, new PlainMapKv(), List.of());
      case "filesystem" ->
          // both under one directory, so that the guest and the peer write to the same file system
          new KvTarget(
              backend,
              Map.of("backend", backend, "root", dir.resolve("plugin").toString()),
              null,
              new PlainFileKv(dir.resolve("plain")),
              List.of());
      case "nats" -> {
        Connection shared = servers.connect(); // the host's data connection
        Connection peer = servers.connect(); // the plain client's own, as a separate app's
        yield new KvTarget(
            backend,
            Map.of("backend", backend),
            shared,
            new PlainNatsKv(peer, "plain-kv"),
            List.of(shared, peer));
      }
      case "redis" ->
          new KvTarget(
              backend,
              Map.of("backend", backend, "url", "redis://127.0.0.1:" + servers.redisPort()),
              null,
              new PlainRedisKv(servers.redisPort(), "plain:"),
              List.of());
      default ->
          throw new IllegalArgumentException(
              "unknown backend '" + backend + "': use in-memory, filesystem, nats, redis");
    };
  }

  @Override
  public void close() throws Exception {
    plain.close();
    for (Connection c : connections) {
      c.close();
    }
  }
}
