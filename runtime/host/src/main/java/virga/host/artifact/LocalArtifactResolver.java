package virga.host.artifact;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Standalone mode's resolver: an image is a local file, written as an absolute path, a path
 * relative to a base directory (the manifest's directory), or a {@code file://} URI.
 */
public final class LocalArtifactResolver implements ArtifactResolver {
  /**
   * {@code registry.example/repo:tag} or {@code repo@sha256:...}: what an OCI reference looks like.
   */
  private static final Pattern OCI_REFERENCE =
      Pattern.compile("^[a-z0-9.-]+(:[0-9]+)?/[^\\s]+(:[\\w.-]+|@sha256:[0-9a-f]{64})$");

  private final Path baseDir;

  /** A resolver reading relative image paths against {@code baseDir}. */
  public LocalArtifactResolver(Path baseDir) {
    this.baseDir = Objects.requireNonNull(baseDir, "baseDir").toAbsolutePath().normalize();
  }

  /** The directory relative image paths are read against. */
  public Path baseDir() {
    return baseDir;
  }

  @Override
  public byte[] resolve(ArtifactRequest request) {
    Path file = path(request.image());
    if (!Files.isRegularFile(file)) {
      String hint =
          OCI_REFERENCE.matcher(request.image()).matches() && !request.image().startsWith("file:")
              ? " (it looks like an OCI reference: standalone mode reads local files only; give a"
                  + " path to the .wasm file or a file:// URI)"
              : relative(request.image()) ? " (a path is read relative to " + baseDir + ")" : "";
      throw new ArtifactException(
          "image '"
              + request.image()
              + "': no such file "
              + file
              + (Files.isDirectory(file) ? " (it is a directory)" : hint));
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ArtifactException(
          "image '" + request.image() + "': cannot read " + file + ": " + e, e);
    }
  }

  /** Whether {@code image} is a relative path (only then does the base directory matter). */
  private static boolean relative(String image) {
    return !image.startsWith("file:") && !image.startsWith("/");
  }

  /** The file {@code image} names. */
  Path path(String image) {
    if (image.isBlank()) {
      throw new ArtifactException("image is empty: give a path to a .wasm file");
    }
    try {
      if (image.startsWith("file:")) {
        URI uri = new URI(image);
        if (uri.getPath() == null) {
          throw new ArtifactException(
              "image '" + image + "' is not a file URI with a path (write file:///abs/path.wasm)");
        }
        Path p = Path.of(uri.getPath());
        return (p.isAbsolute() ? p : baseDir.resolve(p)).normalize();
      }
      Path p = Path.of(image);
      return (p.isAbsolute() ? p : baseDir.resolve(p)).normalize();
    } catch (URISyntaxException | InvalidPathException e) {
      throw new ArtifactException(
          "image '" + image + "' is not a valid path: " + e.getMessage(), e);
    }
  }
}
