package virga.plugins.it.blobstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import virga.host.plugin.PluginSetup;

/**
 * The blob-store guest with a named wasi:blobstore entry, which binds to
 * wasi-blobstore-multiplexed: the entry's own config picks the filesystem backend and its root.
 */
class MultiplexedBlobStoreGuestIT extends BlobStoreGuestConformance {
  @Override
  PluginSetup plugins(PluginSetup base) {
    return base; // wasi-blobstore stays in-memory: objects on disk prove the named entry's backend
  }

  @Override
  String manifest(String example) {
    String m =
        example
            .replace(
                "          package: blobstore\n",
                "          package: blobstore\n          name: files\n")
            .replace(
                "          config:\n            buckets:",
                "          config:\n"
                    + "            backend: filesystem\n"
                    + "            root: "
                    + dir.resolve("named")
                    + "\n            buckets:");
    assertThat(m).contains("name: files").contains("backend: filesystem");
    return m;
  }

  @Test
  void theNamedEntrysBackendHoldsTheObjects() throws Exception {
    same(rw.put("/photos/cat.txt", "meow"), 200, "stored 4 bytes\n");
    assertThat(Files.readString(dir.resolve("named/photos/cat.txt"))).isEqualTo("meow");
  }
}
