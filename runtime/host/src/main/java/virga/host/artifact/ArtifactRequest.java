package virga.host.artifact;

import java.util.Objects;
import virga.protocol.v2.ImagePullPolicy;
import virga.protocol.v2.ImagePullSecret;

/**
 * What to fetch: a component's or service's {@code image}, with the pull policy and credentials the
 * workload gives for it (used by registry resolvers; local files ignore them).
 *
 * @param image the image as the manifest writes it (a path, a {@code file://} URI, an OCI
 *     reference)
 * @param pullPolicy the pull policy ({@code UNSPECIFIED} = if not present)
 * @param pullSecret registry credentials, or the default instance for none
 */
public record ArtifactRequest(
    String image, ImagePullPolicy pullPolicy, ImagePullSecret pullSecret) {
  public ArtifactRequest {
    Objects.requireNonNull(image, "image");
    pullPolicy = pullPolicy == null ? ImagePullPolicy.IMAGE_PULL_POLICY_UNSPECIFIED : pullPolicy;
    pullSecret = pullSecret == null ? ImagePullSecret.getDefaultInstance() : pullSecret;
  }

  /** A request for {@code image} with no policy and no credentials. */
  public static ArtifactRequest of(String image) {
    return new ArtifactRequest(image, null, null);
  }

  /** Hides the credentials: requests end up in logs. */
  @Override
  public String toString() {
    return "ArtifactRequest[" + image + ", " + pullPolicy + "]";
  }
}
