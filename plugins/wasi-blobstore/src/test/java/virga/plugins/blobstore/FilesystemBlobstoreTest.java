package virga.plugins.blobstore;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import virga.plugins.blobstore.backend.BlobBackend;
import virga.plugins.blobstore.backend.FilesystemBackend;

/** The conformance suite on the filesystem backend. */
class FilesystemBlobstoreTest extends BlobstoreConformance {
  @TempDir Path root;

  @Override
  BlobBackend newBackend() {
    return new FilesystemBackend(root.resolve("store"));
  }

  @Override
  boolean storesOffHeap() {
    return true;
  }
}
