package virga.host.artifact.oci;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a host talks to registries: where the shared blob cache lives, how long a pull may take, and
 * which registries it trusts.
 *
 * @param cacheDir the content-addressed cache ({@code blobs/sha256/<hex>} and {@code refs/})
 * @param pullTimeout the most one pull may take, the manifest check included
 * @param allowInsecureRegistries talk plain HTTP to every registry
 * @param caFiles PEM files of extra certificate authorities, trusted besides the JDK's
 */
public record OciSettings(
    Path cacheDir, Duration pullTimeout, boolean allowInsecureRegistries, List<Path> caFiles) {
  /** wasmCloud's default pull timeout. */
  public static final Duration DEFAULT_PULL_TIMEOUT = Duration.ofSeconds(30);

  public OciSettings {
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(pullTimeout, "pullTimeout");
    if (pullTimeout.isNegative() || pullTimeout.isZero()) {
      throw new IllegalArgumentException("the pull timeout must be positive: " + pullTimeout);
    }
    caFiles = List.copyOf(caFiles == null ? List.of() : caFiles);
  }

  /** The defaults: a 30 s timeout, TLS only, the JDK's CAs, the cache at {@code cacheDir}. */
  public static OciSettings defaults(Path cacheDir) {
    return new OciSettings(cacheDir, DEFAULT_PULL_TIMEOUT, false, List.of());
  }

  /** The default cache directory: {@code ~/.cache/virga/oci}. */
  public static Path defaultCacheDir() {
    return Path.of(System.getProperty("user.home"), ".cache", "virga", "oci");
  }

  /** These settings with another pull timeout. */
  public OciSettings withPullTimeout(Duration value) {
    return new OciSettings(cacheDir, value, allowInsecureRegistries, caFiles);
  }

  /** These settings with plain HTTP allowed or not. */
  public OciSettings withAllowInsecureRegistries(boolean value) {
    return new OciSettings(cacheDir, pullTimeout, value, caFiles);
  }

  /** These settings with these extra CA files. */
  public OciSettings withCaFiles(List<Path> value) {
    return new OciSettings(cacheDir, pullTimeout, allowInsecureRegistries, value);
  }
}
