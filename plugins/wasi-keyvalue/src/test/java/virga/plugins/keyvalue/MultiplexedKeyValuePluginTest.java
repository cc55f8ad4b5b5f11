package virga.plugins.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.plugin.Result;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.testing.TestItem;
import virga.plugin.testing.TestPluginContext;

/** Plugin {@code wasi-keyvalue-multiplexed}: one backend per named entry, chosen in open. */
class MultiplexedKeyValuePluginTest {
  @TempDir Path dir;

  static WitInterface entry(String name, Map<String, String> config) {
    return WitInterface.parse("wasi:keyvalue/store,atomics@0.2.0-draft")
        .withName(name)
        .withConfig(config);
  }

  static <T> T ok(Result<T, StoreError> r) {
    assertThat(r.isOk()).as("ok, not %s", r.error()).isTrue();
    return r.value();
  }

  KvStore bind(MultiplexedKeyValuePlugin p, String workloadId, Set<WitInterface> entries) {
    TestItem item = TestItem.component(workloadId, "api", WitWorld.serving(KeyValueWit.SERVED));
    p.onWorkloadItemBind(item, entries);
    return (KvStore) item.implementation(KeyValueWit.STORE);
  }

  @Test
  void openPicksTheNamedEntryAndItsBackend() throws Exception {
    MultiplexedKeyValuePlugin p = new MultiplexedKeyValuePlugin();
    p.start(new TestPluginContext());
    assertThat(p.supportsNamedInstances()).isTrue();
    assertThat(p.id()).isEqualTo("wasi-keyvalue-multiplexed");
    Path root = dir.resolve("fs");
    KvStore s =
        bind(
            p,
            "w1",
            Set.of(
                entry("team-a", Map.of("backend", "in-memory")),
                entry("team-b", Map.of("backend", "filesystem", "root", root.toString()))));
    Bucket a = ok(s.open("team-a/orders"));
    Bucket b = ok(s.open("team-b/orders"));
    assertThat(a.backend().kind()).isEqualTo("in-memory");
    assertThat(b.backend().kind()).isEqualTo("filesystem");
    ok(s.bucketSet(b, "k", "v".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readString(root.resolve("default_orders/k"))).isEqualTo("v");
    assertThat(ok(s.bucketGet(a, "k"))).isEmpty();
    // the entry's own name as a bucket
    assertThat(ok(s.open("team-a")).physical()).isEqualTo("team-a");
    // two entries and no unnamed one: a plain name that is no entry is no store
    assertThat(s.open("orders").error()).isEqualTo(new StoreError.NoSuchStore());
    assertThat(s.open("team-c/orders").error()).isEqualTo(new StoreError.NoSuchStore());
    p.stop();
  }

  @Test
  void aSingleEntryTakesPlainNamesAndInMemoryDataIsPerWorkload() {
    MultiplexedKeyValuePlugin p = new MultiplexedKeyValuePlugin();
    p.start(new TestPluginContext());
    Set<WitInterface> one = Set.of(entry("cache", Map.of()));
    KvStore w1 = bind(p, "w1", one);
    KvStore w2 = bind(p, "w2", one);
    ok(w1.bucketSet(ok(w1.open("orders")), "k", new byte[] {1}));
    assertThat(ok(w2.bucketGet(ok(w2.open("orders")), "k"))).isEmpty();
    p.onWorkloadUnbind("w1", one);
    KvStore again = bind(p, "w1", one);
    assertThat(ok(again.bucketGet(ok(again.open("orders")), "k"))).isEmpty();
  }

  @Test
  void anEntryWithoutWhatItsBackendNeedsFailsTheBind() {
    MultiplexedKeyValuePlugin p = new MultiplexedKeyValuePlugin();
    p.start(new TestPluginContext());
    assertThatThrownBy(() -> bind(p, "w1", Set.of(entry("team-a", Map.of("backend", "redis")))))
        .hasMessage(
            "wasi:keyvalue entry 'team-a' of workload 'shop': backend redis needs setting 'url'"
                + " (redis://host:6379)");
    assertThatThrownBy(() -> bind(p, "w1", Set.of(entry("team-a", Map.of("backend", "nats")))))
        .hasMessageContaining("backend nats uses the host's data NATS connection");
  }
}
