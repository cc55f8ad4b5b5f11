package virga.plugins.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.KeyValueConfiguration;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.plugins.keyvalue.backend.KvBackend;
import virga.plugins.keyvalue.backend.NatsKvBackend;
import virga.testsupport.NatsServerExtension;

/**
 * The conformance suite on {@link NatsKvBackend} against a real nats-server with JetStream, plus
 * what only NATS has: buckets other hosts made, and a server that goes away.
 */
class NatsKvBackendIT extends KvConformance {
  @RegisterExtension static final NatsServerExtension NATS = new NatsServerExtension();

  Connection connection;

  @Override
  KvBackend newBackend() throws Exception {
    connection =
        Nats.connect(
            new Options.Builder()
                .server(NATS.url())
                .connectionTimeout(Duration.ofSeconds(2))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(100))
                // the server-gone tests would log every reconnect attempt
                .errorListener(new ErrorListener() {})
                .build());
    return new NatsKvBackend(connection, Duration.ofSeconds(2));
  }

  @AfterEach
  void closeConnection() throws InterruptedException {
    connection.close();
  }

  @Override
  boolean removeBucket(String physical) throws Exception {
    connection.keyValueManagement().delete(physical);
    return true;
  }

  @Test
  void openCreatesAJetStreamBucketOfTheSameName() throws Exception {
    Bucket b = open();
    assertThat(connection.keyValueManagement().getStatus(b.physical()).getBucketName())
        .isEqualTo(b.physical());
    ok(store.bucketSet(b, "plain.key", bytes("v")));
    // a key valid in JetStream is stored as is, so wasmCloud hosts find it
    assertThat(connection.keyValue(b.physical()).get("plain.key").getValue()).isEqualTo(bytes("v"));
  }

  @Test
  void aBucketMadeElsewhereWithOtherSettingsIsUsedAsItIs() throws Exception, JetStreamApiException {
    String name = unique();
    connection
        .keyValueManagement()
        .create(KeyValueConfiguration.builder().name(name).maxHistoryPerKey(5).build());
    connection.keyValue(name).put("counter", new byte[] {0, 0, 0, 0, 0, 0, 0, 9}); // wasmCloud: BE
    Bucket b = ok(store.open(name));
    assertThat(ok(atomics.increment(b, "counter", 1))).isEqualTo(10L);
    assertThat(connection.keyValueManagement().getStatus(name).getMaxHistoryPerKey()).isEqualTo(5);
  }

  @Test
  void aServerThatGoesAwayGivesAnErrorWithinTheTimeoutNotAHang() {
    Bucket b = open();
    ok(store.bucketSet(b, "k", bytes("v")));
    NATS.server().stop();
    long start = System.nanoTime();
    assertThat(err(store.bucketGet(b, "k"))).isInstanceOf(StoreError.Other.class);
    assertThat(err(store.bucketSet(b, "k", bytes("w")))).isInstanceOf(StoreError.Other.class);
    assertThat(err(atomics.increment(b, "n", 1))).isInstanceOf(StoreError.Other.class);
    assertThat(err(store.open(unique()))).isInstanceOf(StoreError.Other.class);
    // four calls, each bounded by the 2 s request timeout (plus slack for a loaded machine)
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    StoreError e = err(store.bucketGet(b, "k"));
    assertThat(((StoreError.Other) e).value()).startsWith("NATS KV: cannot get key 'k': ");
  }

  @Test
  void afterTheServerIsBackCallsWorkAgain() throws Exception {
    Bucket b = open();
    ok(store.bucketSet(b, "k", bytes("v")));
    NATS.server().stop();
    err(store.bucketGet(b, "k"));
    NATS.server().start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Optional<byte[]> got = Optional.empty();
    while (System.nanoTime() < deadline) {
      var r = store.bucketGet(b, "k");
      if (r.isOk()) {
        got = r.value();
        break;
      }
      Thread.sleep(200);
    }
    assertThat(got).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
  }
}
