package virga.plugins.keyvalue;

import virga.plugins.keyvalue.backend.InMemoryBackend;
import virga.plugins.keyvalue.backend.KvBackend;

/** The conformance suite on {@link InMemoryBackend}. */
class InMemoryBackendTest extends KvConformance {
  @Override
  KvBackend newBackend() {
    return new InMemoryBackend();
  }

  @Override
  boolean removeBucket(String physical) {
    ((InMemoryBackend) backend).drop(physical);
    return true;
  }
}
