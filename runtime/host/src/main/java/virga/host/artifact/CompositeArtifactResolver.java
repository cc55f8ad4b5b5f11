package virga.host.artifact;

import java.nio.file.Files;
import java.util.Objects;

/**
 * Cluster mode's resolver: local files for paths and {@code file://} URIs (development), a registry
 * resolver for everything else. An image is local when it starts with {@code file:}, {@code /} or
 * {@code .}, ends with {@code .wasm}, or names an existing file under the base directory.
 */
public final class CompositeArtifactResolver implements ArtifactResolver {
  private final LocalArtifactResolver local;
  private final ArtifactResolver registry;

  /** Local files through {@code local}, OCI references through {@code registry}. */
  public CompositeArtifactResolver(LocalArtifactResolver local, ArtifactResolver registry) {
    this.local = Objects.requireNonNull(local, "local");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public byte[] resolve(ArtifactRequest request) {
    return isLocal(request.image()) ? local.resolve(request) : registry.resolve(request);
  }

  /** Whether {@code image} is read from the local file system. */
  public boolean isLocal(String image) {
    String s = image.strip();
    if (s.isEmpty()
        || s.startsWith("file:")
        || s.startsWith("/")
        || s.startsWith(".")
        || s.endsWith(".wasm")) {
      return true;
    }
    if (s.startsWith("oci://")) {
      return false;
    }
    try {
      return Files.isRegularFile(local.path(s));
    } catch (ArtifactException e) {
      return false;
    }
  }
}
