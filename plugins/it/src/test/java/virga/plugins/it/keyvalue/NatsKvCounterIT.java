package virga.plugins.it.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.host.workload.WorkloadHost;
import virga.testsupport.NatsServerExtension;

/** kv-counter on {@code backend=nats}: the host's shared data connection to a real nats-server. */
class NatsKvCounterIT extends KvCounterContract {
  @RegisterExtension static final NatsServerExtension NATS = new NatsServerExtension();

  Connection connection;

  @Override
  Map<String, String> settings() throws Exception {
    connection =
        Nats.connect(
            new Options.Builder()
                .server(NATS.url())
                .connectionTimeout(Duration.ofSeconds(5))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100))
                .errorListener(new ErrorListener() {}) // quiet while the server is stopped
                .build());
    return Map.of("backend", "nats", "timeout-ms", "2000");
  }

  @Override
  WorkloadHost.Builder withShared(WorkloadHost.Builder b) {
    return b.shared(Connection.class, connection);
  }

  @AfterEach
  void closeConnection() throws InterruptedException {
    connection.close();
  }

  @Test
  void theBucketCarriesTheNamespaceUnlessPrefixingIsOff() throws Exception {
    String ns = unique("ns");
    URI app = start("kv-p", ns);
    assertThat(get(app, "/incr")).isEqualTo("200 1\n");
    assertThat(connection.keyValueManagement().getBucketNames()).contains(ns + "_kv-counter");
    assertThat(connection.keyValue(ns + "_kv-counter").get("counter").getValueAsString())
        .isEqualTo("1");

    startHost(Map.of("backend", "nats", "bucket-prefix-per-namespace", "false"));
    URI plain = start("kv-q", ns);
    assertThat(get(plain, "/incr")).isEqualTo("200 1\n");
    // wasmCloud's name: the guest's identifier as is, shared by every namespace
    assertThat(connection.keyValue("kv-counter").get("counter").getValueAsString()).isEqualTo("1");
    URI other = start("kv-r", unique("other"));
    assertThat(get(other, "/incr")).isEqualTo("200 2\n");
  }

  @Test
  void aServerThatGoesAwayGivesTheGuestAnErrorThenServesAgain() throws Exception {
    URI app = start("kv-gone", unique("ns"));
    assertThat(get(app, "/incr")).isEqualTo("200 1\n");
    NATS.server().stop();
    long start = System.nanoTime();
    assertThat(get(app, "/incr"))
        .startsWith("500 keyvalue error: other: NATS KV: cannot increment key 'counter': ");
    // bounded by timeout-ms (2 s) per request to the server, with slack for a loaded machine
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    NATS.server().start();
    String r = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && !(r = get(app, "/get/counter")).startsWith("200")) {
      Thread.sleep(200);
    }
    assertThat(r)
        .isEqualTo("200 1\n"); // JetStream kept the data; the failed increment wrote nothing
    assertThat(get(app, "/incr")).isEqualTo("200 2\n");
  }

  @Override
  boolean persists() {
    return true;
  }
}
