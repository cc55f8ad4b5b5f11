package virga.host.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import virga.host.artifact.ArtifactResolver;
import virga.host.artifact.CompositeArtifactResolver;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.artifact.oci.OciArtifactResolver;
import virga.host.artifact.oci.OciSettings;

/**
 * The registry flags of {@code bin/host run} and {@code bin/host cluster} (a picocli mixin: add
 * {@code @Mixin OciOptions oci;}), named like {@code wash host}'s.
 */
public final class OciOptions {
  @Option(
      names = "--allow-insecure-registries",
      description = "Talk plain HTTP (no TLS) to every OCI registry. Default: TLS only.")
  boolean allowInsecureRegistries;

  @Option(
      names = "--oci-ca-path",
      paramLabel = "PEM",
      description =
          "A PEM file of extra certificate authorities to trust for OCI registries, besides the"
              + " JDK's (repeatable).")
  List<Path> caPaths = new ArrayList<>();

  @Option(
      names = "--registry-pull-timeout",
      paramLabel = "DURATION",
      description =
          "The most one image pull may take, the manifest check included. Default:"
              + " ${DEFAULT-VALUE}.",
      defaultValue = "30s",
      converter = DurationConverter.class)
  Duration pullTimeout = OciSettings.DEFAULT_PULL_TIMEOUT;

  @Option(
      names = "--oci-cache-dir",
      paramLabel = "DIR",
      description =
          "The content-addressed cache of pulled components, shared by all workloads."
              + " Default: ~/.cache/virga/oci.")
  Path cacheDir;

  /** The settings these flags give. */
  public OciSettings settings() {
    return new OciSettings(
        cacheDir != null ? cacheDir : OciSettings.defaultCacheDir(),
        pullTimeout.isZero() ? OciSettings.DEFAULT_PULL_TIMEOUT : pullTimeout,
        allowInsecureRegistries,
        caPaths);
  }

  /**
   * The resolver for a host: OCI references from registries, paths and {@code file://} URIs read
   * relative to {@code baseDir}.
   */
  public ArtifactResolver resolver(Path baseDir) {
    return new CompositeArtifactResolver(
        new LocalArtifactResolver(baseDir), new OciArtifactResolver(settings()));
  }
}
