package virga.plugins.it.blobstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import virga.host.plugin.PluginSetup;

/** The blob-store guest on the filesystem backend: objects are files under the root. */
class FilesystemBlobStoreGuestIT extends BlobStoreGuestConformance {
  @Override
  PluginSetup plugins(PluginSetup base) {
    return base.with("wasi-blobstore.backend=filesystem")
        .with("wasi-blobstore.root=" + dir.resolve("blobs"));
  }

  @Test
  void objectsAreFilesUnderTheRootAndDotDotStaysInside() throws Exception {
    same(rw.put("/default/a/b.txt", "file body"), 200, "stored 9 bytes\n");
    assertThat(Files.readString(dir.resolve("blobs/default/a/b.txt"))).isEqualTo("file body");
    same(
        rw.put("/default/a/../../escape", "x"),
        500,
        "object name 'a/../../escape' is refused by the filesystem backend: use '/'-separated"
            + " segments that are not empty, '.' or '..', without a leading '/', '\\' or NUL\n");
    assertThat(dir.resolve("blobs/escape")).doesNotExist();
    assertThat(dir.resolve("escape")).doesNotExist();
  }
}
