package virga.plugins.keyvalue;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import virga.plugins.keyvalue.backend.FilesystemBackend;
import virga.plugins.keyvalue.backend.KvBackend;
import virga.plugins.keyvalue.backend.NatsKvBackend;
import virga.plugins.keyvalue.backend.RedisBackend;

/**
 * Builds the shared backends from config keys ({@code backend}, {@code url}, {@code prefix}, {@code
 * root}) and keeps one per distinct config, so that entries with one url share one connection
 * (wasmCloud pools by url, for Redis by url and prefix); {@link #close()} closes all of them and
 * the NATS connections opened here.
 */
final class Backends implements AutoCloseable {
  /** The backend kinds, as config values. */
  static final List<String> KINDS = List.of("in-memory", "filesystem", "nats", "redis");

  private final Limits limits;
  private final Optional<Connection> sharedNats;
  private final Map<String, KvBackend> byConfig = new ConcurrentHashMap<>();
  private final Map<String, Connection> natsByUrl = new ConcurrentHashMap<>();

  /** Backends bounded by {@code limits}; {@code sharedNats} serves {@code nats} without url. */
  Backends(Limits limits, Optional<Connection> sharedNats) {
    this.limits = limits;
    this.sharedNats = sharedNats;
  }

  /**
   * The shared backend for {@code kind} ({@code in-memory} is per workload and not made here).
   *
   * @param where names the config in error messages
   */
  synchronized KvBackend get(String kind, Map<String, String> config, String where) {
    String url = config.get("url");
    return switch (kind) {
      case "filesystem" -> {
        String root = config.get("root");
        if (root == null || root.isBlank()) {
          throw new IllegalArgumentException(where + ": backend filesystem needs setting 'root'");
        }
        yield byConfig.computeIfAbsent("filesystem|" + root, k -> filesystem(root));
      }
      case "redis" -> {
        if (url == null || url.isBlank()) {
          throw new IllegalArgumentException(
              where + ": backend redis needs setting 'url' (redis://host:6379)");
        }
        String prefix = config.getOrDefault("prefix", "");
        yield byConfig.computeIfAbsent(
            "redis|" + url + "|" + prefix, k -> new RedisBackend(url, prefix, limits.timeout()));
      }
      case "nats" -> {
        if (url == null || url.isBlank()) {
          Connection shared =
              sharedNats.orElseThrow(
                  () ->
                      new IllegalStateException(
                          where
                              + ": backend nats uses the host's data NATS connection, and this"
                              + " host has none: start it with --data-nats-url"));
          yield byConfig.computeIfAbsent(
              "nats|shared", k -> new NatsKvBackend(shared, limits.timeout()));
        }
        yield byConfig.computeIfAbsent(
            "nats|" + url, k -> new NatsKvBackend(connect(url, where), limits.timeout()));
      }
      default ->
          throw new IllegalArgumentException(
              where + ": unknown backend '" + kind + "'; use one of " + String.join(", ", KINDS));
    };
  }

  private static KvBackend filesystem(String root) {
    try {
      return new FilesystemBackend(Path.of(root));
    } catch (IOException e) {
      throw new IllegalStateException("cannot use filesystem root " + root + ": " + e, e);
    }
  }

  private Connection connect(String url, String where) {
    return natsByUrl.computeIfAbsent(
        url,
        u -> {
          try {
            return Nats.connect(
                new Options.Builder()
                    .server(u)
                    .connectionTimeout(limits.timeout())
                    .maxReconnects(-1)
                    .build());
          } catch (IOException e) {
            throw new IllegalStateException(where + ": cannot connect to NATS " + u + ": " + e, e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(where + ": interrupted connecting to " + u, e);
          }
        });
  }

  @Override
  public synchronized void close() {
    byConfig.values().forEach(KvBackend::close);
    byConfig.clear();
    for (Connection c : natsByUrl.values()) {
      try {
        c.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // stop was interrupted: leave the rest to the JVM's exit
      }
    }
    natsByUrl.clear();
  }
}
