package virga.plugins.blobstore;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import virga.plugins.blobstore.backend.BlobException;

/**
 * What a workload may do, from its {@code wasi:blobstore} entry's config: {@code buckets}, a
 * comma-separated allow-list of container names (entries trimmed, empty ones dropped; absent means
 * every container), and {@code read_only} ({@code "true"} refuses every write). Both are enforced
 * on every call, with the WIT error.
 */
public record Policy(Set<String> buckets, boolean readOnly) {
  /** Everything allowed. */
  public static final Policy OPEN = new Policy(null, false);

  /** The policy of config {@code config}. */
  public static Policy of(Map<String, String> config) {
    String b = config.get("buckets");
    Set<String> allowed = null;
    if (b != null) {
      allowed =
          Arrays.stream(b.split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .collect(Collectors.toCollection(LinkedHashSet::new));
    }
    return new Policy(
        allowed, "true".equalsIgnoreCase(config.getOrDefault("read_only", "").trim()));
  }

  /** Refuses a container outside the allow-list. */
  public void checkAccess(String container) {
    if (buckets != null && !buckets.contains(container)) {
      throw new BlobException(
          "container '"
              + container
              + "' is not in this workload's buckets allow-list ("
              + (buckets.isEmpty()
                  ? "empty: every container is refused"
                  : String.join(", ", buckets))
              + ")");
    }
  }

  /** Refuses a write ({@code op}) to {@code container} when outside the list or read-only. */
  public void checkWrite(String container, String op) {
    checkAccess(container);
    if (readOnly) {
      throw new BlobException(
          op + " on container '" + container + "' refused: the blobstore is read-only (read_only)");
    }
  }
}
