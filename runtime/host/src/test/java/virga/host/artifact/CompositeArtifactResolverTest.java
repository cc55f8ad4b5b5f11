package virga.host.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompositeArtifactResolverTest {
  @TempDir Path dir;

  private CompositeArtifactResolver resolver() {
    return new CompositeArtifactResolver(
        new LocalArtifactResolver(dir),
        r -> ("registry:" + r.image()).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pathsAndFileUrisAreLocal() throws Exception {
    Files.write(dir.resolve("a.wasm"), new byte[] {1, 2});
    Files.write(dir.resolve("plain"), new byte[] {3});
    CompositeArtifactResolver r = resolver();
    assertArrayEquals(new byte[] {1, 2}, r.resolve(ArtifactRequest.of("a.wasm")));
    assertArrayEquals(new byte[] {1, 2}, r.resolve(ArtifactRequest.of("./a.wasm")));
    assertArrayEquals(new byte[] {1, 2}, r.resolve(ArtifactRequest.of(dir + "/a.wasm")));
    assertArrayEquals(
        new byte[] {1, 2}, r.resolve(ArtifactRequest.of("file://" + dir + "/a.wasm")));
    assertArrayEquals(new byte[] {3}, r.resolve(ArtifactRequest.of("plain")));
    assertTrue(r.isLocal("components/missing.wasm"));
  }

  @Test
  void referencesGoToTheRegistry() {
    CompositeArtifactResolver r = resolver();
    assertEquals(
        "registry:ghcr.io/org/x:1.0",
        new String(r.resolve(ArtifactRequest.of("ghcr.io/org/x:1.0")), StandardCharsets.UTF_8));
    assertFalse(r.isLocal("localhost:5000/x@sha256:" + "0".repeat(64)));
    assertFalse(r.isLocal("nginx"));
    assertFalse(r.isLocal("oci://ghcr.io/org/x:1.0"));
  }
}
