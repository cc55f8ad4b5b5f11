package virga.plugins.blobstore;

import virga.plugins.blobstore.backend.BlobBackend;
import virga.plugins.blobstore.backend.InMemoryBackend;

/** The conformance suite on the in-memory backend. */
class InMemoryBlobstoreTest extends BlobstoreConformance {
  @Override
  BlobBackend newBackend() {
    return new InMemoryBackend();
  }

  @Override
  boolean storesOffHeap() {
    return false;
  }
}
