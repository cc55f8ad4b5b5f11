package virga.plugins.blobstore;

import io.nats.client.Connection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import virga.plugins.blobstore.backend.BlobBackend;
import virga.plugins.blobstore.backend.FilesystemBackend;
import virga.plugins.blobstore.backend.InMemoryBackend;
import virga.plugins.blobstore.backend.NatsObjectStoreBackend;

/**
 * Builds a backend from settings: {@code backend} = {@code in-memory} (default), {@code filesystem}
 * (with {@code root}) or {@code nats} (on {@code nats}, the connection given; {@code timeout}, e.g.
 * {@code 5s}, bounds each request).
 */
final class Backends {
  /** The default bound of one NATS request. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private Backends() {}

  /** The backend kind named by {@code settings}. */
  static String kind(Map<String, String> settings) {
    return settings.getOrDefault("backend", "in-memory").trim();
  }

  /**
   * The backend of {@code settings}, which {@code where} names in errors.
   *
   * @throws IllegalArgumentException for an unknown backend or a missing setting
   */
  static BlobBackend create(Map<String, String> settings, Optional<Connection> nats, String where) {
    String kind = kind(settings);
    switch (kind) {
      case "in-memory":
        return new InMemoryBackend();
      case "filesystem":
        String root = settings.get("root");
        if (root == null || root.isBlank()) {
          throw new IllegalArgumentException(
              where + ": backend filesystem needs 'root', the directory that holds the containers");
        }
        return new FilesystemBackend(Path.of(root.trim()));
      case "nats":
        Connection c =
            nats.orElseThrow(
                () ->
                    new IllegalArgumentException(
                        where
                            + ": backend nats needs a NATS connection (give the host"
                            + " --data-nats-url, or 'url' for a named instance)"));
        return new NatsObjectStoreBackend(c, timeout(settings, where));
      default:
        throw new IllegalArgumentException(
            where + ": unknown backend '" + kind + "' (known: in-memory, filesystem, nats)");
    }
  }

  private static Duration timeout(Map<String, String> settings, String where) {
    String t = settings.get("timeout");
    if (t == null || t.isBlank()) {
      return DEFAULT_TIMEOUT;
    }
    String s = t.trim().toUpperCase(java.util.Locale.ROOT);
    try {
      return Duration.parse(s.startsWith("P") ? s : "PT" + s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + ": timeout '" + t + "' is not a duration such as 5s or 2m", e);
    }
  }
}
