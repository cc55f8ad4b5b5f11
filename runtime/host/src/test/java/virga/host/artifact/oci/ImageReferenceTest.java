package virga.host.artifact.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import virga.host.artifact.ArtifactException;

class ImageReferenceTest {
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void registryRepositoryAndTag() {
    ImageReference r = ImageReference.parse("ghcr.io/org/x:1.0");
    assertEquals(new ImageReference("ghcr.io", "org/x", "1.0", null), r);
    assertEquals("ghcr.io", r.apiHost());
    assertEquals("1.0", r.manifestReference());
    assertEquals("ghcr.io/org/x:1.0", r.toString());
  }

  @Test
  void registryWithPortAndDigest() {
    ImageReference r = ImageReference.parse("localhost:5000/x@" + DIGEST);
    assertEquals(new ImageReference("localhost:5000", "x", null, DIGEST), r);
    assertEquals(DIGEST, r.manifestReference());
    assertEquals("localhost:5000/x@" + DIGEST, r.toString());
  }

  @Test
  void tagAndDigestFetchByDigest() {
    ImageReference r = ImageReference.parse("127.0.0.1:5000/a/b:v2@" + DIGEST);
    assertEquals(new ImageReference("127.0.0.1:5000", "a/b", "v2", DIGEST), r);
    assertEquals(DIGEST, r.manifestReference());
  }

  @Test
  void dockerHubDefaults() {
    assertEquals(
        new ImageReference("docker.io", "library/nginx", "latest", null),
        ImageReference.parse("nginx"));
    assertEquals(
        new ImageReference("docker.io", "org/app", "2", null), ImageReference.parse("org/app:2"));
    assertEquals(
        new ImageReference("docker.io", "library/x", "1", null),
        ImageReference.parse("index.docker.io/x:1"));
    assertEquals("registry-1.docker.io", ImageReference.parse("nginx").apiHost());
    assertEquals("docker.io/library/nginx:latest", ImageReference.parse("nginx").toString());
  }

  @Test
  void localhostWithoutPortIsARegistry() {
    ImageReference r = ImageReference.parse("localhost/x");
    assertEquals("localhost", r.registry());
    assertEquals("x", r.repository());
    assertEquals("latest", r.tag());
    assertNull(r.digest());
  }

  @Test
  void ociSchemePrefixIsAccepted() {
    assertEquals(
        new ImageReference("ghcr.io", "org/x", "1.0", null),
        ImageReference.parse("oci://ghcr.io/org/x:1.0"));
  }

  @Test
  void invalidReferencesSayWhy() {
    assertEquals(
        "image 'ghcr.io/Org/x:1' is not a valid OCI reference: repository 'Org/x' is not valid"
            + " (lowercase letters, digits and . _ - between slashes) (write"
            + " registry/repository:tag or registry/repository@sha256:...)",
        assertThrows(ArtifactException.class, () -> ImageReference.parse("ghcr.io/Org/x:1"))
            .getMessage());
    assertEquals(
        "image 'ghcr.io/x@sha256:abc' is not a valid OCI reference: the digest must be sha256:"
            + " followed by 64 lowercase hex digits (write registry/repository:tag or"
            + " registry/repository@sha256:...)",
        assertThrows(ArtifactException.class, () -> ImageReference.parse("ghcr.io/x@sha256:abc"))
            .getMessage());
    assertFalse(ImageReference.isValid(""));
    assertFalse(ImageReference.isValid("ghcr.io/x:bad tag"));
  }
}
