package virga.plugins.it.blobstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Nats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.host.nats.NatsEndpoint;
import virga.host.plugin.PluginSetup;
import virga.testsupport.NatsServerExtension;

/**
 * The blob-store guest on the NATS object store of a real nats-server with JetStream, reached
 * through the host's data NATS connection (what {@code --data-nats-url} gives).
 */
class NatsBlobStoreGuestIT extends BlobStoreGuestConformance {
  @RegisterExtension static final NatsServerExtension NATS = new NatsServerExtension();

  @Override
  PluginSetup plugins(PluginSetup base) {
    return base.with("wasi-blobstore.backend=nats");
  }

  @Override
  String manifest(String example) {
    // a name JetStream refuses, allowed here so that the refusal comes from the store itself
    String m =
        example.replace("buckets: \"default, photos\"", "buckets: \"default, photos, my.bucket\"");
    assertThat(m).contains("my.bucket");
    return m;
  }

  @Override
  String allowList() {
    return "default, photos, my.bucket";
  }

  @Override
  NatsEndpoint dataNats() {
    return NatsEndpoint.of(NATS.url());
  }

  @BeforeEach
  @Override
  void start() throws Exception {
    try (Connection c = Nats.connect(NATS.url())) {
      var m = c.objectStoreManagement();
      for (String b : m.getBucketNames()) {
        m.delete(b);
      }
    }
    super.start();
  }

  @Test
  void containersAreObjectStoreBucketsAndNamesTheStoreRefusesSayWhy() throws Exception {
    same(rw.put("/default/k", "in jetstream"), 200, "stored 12 bytes\n");
    try (Connection c = Nats.connect(NATS.url())) {
      assertThat(c.objectStoreManagement().getBucketNames()).contains("default");
      assertThat(c.objectStore("default").getInfo("k").getSize()).isEqualTo(12);
    }
    same(
        rw.put("/my.bucket/k", "x"),
        500,
        "container name 'my.bucket' is refused by the NATS object store: use only letters,"
            + " digits, '-' and '_'\n");
  }

  @Test
  void aStoppedServerGivesTheGuestAnErrorNotAHang() throws Exception {
    same(rw.put("/default/k", "v"), 200, "stored 1 bytes\n");
    NATS.server().stop();
    RawHttp.Response r = rw.get("/default/k");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).startsWith("container-exists default failed on NATS: ");
  }
}
