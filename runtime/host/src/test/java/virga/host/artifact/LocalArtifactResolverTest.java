package virga.host.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactResolverTest {
  @TempDir Path temp;

  @Test
  void readsRelativeAbsoluteAndFileUriImages() throws Exception {
    Files.createDirectory(temp.resolve("wasm"));
    Path file = Files.write(temp.resolve("wasm/a.wasm"), new byte[] {0, 'a', 's', 'm'});
    LocalArtifactResolver r = new LocalArtifactResolver(temp);

    assertThat(r.resolve(ArtifactRequest.of("wasm/a.wasm"))).containsExactly(0, 'a', 's', 'm');
    assertThat(r.resolve(ArtifactRequest.of("./wasm/../wasm/a.wasm"))).hasSize(4);
    assertThat(r.resolve(ArtifactRequest.of(file.toString()))).hasSize(4);
    assertThat(r.resolve(ArtifactRequest.of(file.toUri().toString()))).hasSize(4);
    assertThat(r.baseDir()).isEqualTo(temp.toAbsolutePath().normalize());
  }

  @Test
  void aMissingFileSaysWhereItLooked() {
    LocalArtifactResolver r = new LocalArtifactResolver(temp);
    assertThatThrownBy(() -> r.resolve(ArtifactRequest.of("x.wasm")))
        .isInstanceOf(ArtifactException.class)
        .hasMessage(
            "image 'x.wasm': no such file "
                + temp.resolve("x.wasm")
                + " (a path is read relative to "
                + temp
                + ")");
  }

  @Test
  void anOciReferenceGetsAHint() {
    LocalArtifactResolver r = new LocalArtifactResolver(temp);
    assertThatThrownBy(() -> r.resolve(ArtifactRequest.of("ghcr.io/acme/hello:1.0")))
        .hasMessage(
            "image 'ghcr.io/acme/hello:1.0': no such file "
                + temp.resolve("ghcr.io/acme/hello:1.0")
                + " (it looks like an OCI reference: standalone mode reads local files only; give"
                + " a path to the .wasm file or a file:// URI)");
  }

  @Test
  void aDirectoryOrAnEmptyImageIsRefused() {
    LocalArtifactResolver r = new LocalArtifactResolver(temp);
    assertThatThrownBy(() -> r.resolve(ArtifactRequest.of(temp.toString())))
        .hasMessage("image '" + temp + "': no such file " + temp + " (it is a directory)");
    assertThatThrownBy(() -> r.resolve(ArtifactRequest.of(" ")))
        .hasMessage("image is empty: give a path to a .wasm file");
  }

  @Test
  void credentialsNeverReachToString() {
    var req =
        new ArtifactRequest(
            "x",
            null,
            virga.protocol.v2.ImagePullSecret.newBuilder().setPassword("s3cret").build());
    assertThat(req.toString()).doesNotContain("s3cret");
  }
}
