package virga.host.artifact.oci;

import java.util.Objects;
import java.util.regex.Pattern;
import virga.host.artifact.ArtifactException;

/**
 * An OCI image reference ({@code registry/repository[:tag][@sha256:digest]}), normalised as Docker
 * does: no registry means {@code docker.io}, and a one-part Docker Hub name gets {@code library/}.
 *
 * @param registry the registry host with an optional port ({@code ghcr.io}, {@code localhost:5000})
 * @param repository the repository path ({@code org/x}, {@code library/nginx})
 * @param tag the tag, or null when only a digest is given
 * @param digest the manifest digest ({@code sha256:<hex>}), or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
  /** Docker Hub's canonical name. */
  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern REGISTRY =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9-]+)*(?::[0-9]+)?");

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (tag == null && digest == null) {
      throw new IllegalArgumentException("a reference needs a tag or a digest");
    }
  }

  /**
   * Parses {@code image}; {@code oci://} is accepted as a prefix.
   *
   * @throws ArtifactException naming the image and what is wrong with it
   */
  public static ImageReference parse(String image) {
    String s = image.strip();
    if (s.startsWith("oci://")) {
      s = s.substring("oci://".length());
    }
    if (s.isEmpty()) {
      throw invalid(image, "it is empty");
    }
    String digest = null;
    int at = s.indexOf('@');
    if (at >= 0) {
      digest = s.substring(at + 1);
      s = s.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw invalid(image, "the digest must be sha256: followed by 64 lowercase hex digits");
      }
    }
    String tag = null;
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      tag = s.substring(colon + 1);
      s = s.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw invalid(
            image, "tag '" + tag + "' is not valid (letters, digits, _ . -; at most 128)");
      }
    }
    String registry = DOCKER_HUB;
    String repository = s;
    int slash = s.indexOf('/');
    if (slash > 0) {
      String first = s.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        repository = s.substring(slash + 1);
        if (!REGISTRY.matcher(registry).matches()) {
          throw invalid(image, "registry '" + registry + "' is not a host name");
        }
      }
    }
    if (registry.equals("index.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
      repository = "library/" + repository;
    }
    for (String part : repository.split("/", -1)) {
      if (!COMPONENT.matcher(part).matches()) {
        throw invalid(
            image,
            "repository '"
                + repository
                + "' is not valid (lowercase letters, digits and . _ - between slashes)");
      }
    }
    return new ImageReference(
        registry, repository, tag == null && digest == null ? "latest" : tag, digest);
  }

  /** Whether {@code image} parses as a reference. */
  public static boolean isValid(String image) {
    try {
      parse(image);
      return true;
    } catch (ArtifactException e) {
      return false;
    }
  }

  /** The host the distribution API is served on ({@code registry-1.docker.io} for Docker Hub). */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }

  /** What the manifest is fetched by: the digest when there is one, else the tag. */
  public String manifestReference() {
    return digest != null ? digest : tag;
  }

  /** The same repository at {@code otherTag}. */
  public ImageReference withTag(String otherTag) {
    return new ImageReference(registry, repository, otherTag, null);
  }

  /** The normalised form, e.g. {@code docker.io/library/x:latest}. */
  @Override
  public String toString() {
    return registry
        + "/"
        + repository
        + (tag != null ? ":" + tag : "")
        + (digest != null ? "@" + digest : "");
  }

  private static ArtifactException invalid(String image, String why) {
    return new ArtifactException(
        "image '"
            + image
            + "' is not a valid OCI reference: "
            + why
            + " (write registry/repository:tag or registry/repository@sha256:...)");
  }
}
