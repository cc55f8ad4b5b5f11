package virga.plugins.it.blobstore;

import virga.host.plugin.PluginSetup;

/** The blob-store guest on the wasi-blobstore plugin's default, in-memory backend. */
class InMemoryBlobStoreGuestIT extends BlobStoreGuestConformance {
  @Override
  PluginSetup plugins(PluginSetup base) {
    return base;
  }
}
