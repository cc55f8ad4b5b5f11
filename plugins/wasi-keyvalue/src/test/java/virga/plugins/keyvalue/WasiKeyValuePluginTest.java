package virga.plugins.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.plugin.Result;
import virga.plugin.WitWorld;
import virga.plugin.bind.TypedBindings;
import virga.plugin.testing.TestItem;
import virga.plugin.testing.TestPluginContext;

/** Plugin {@code wasi-keyvalue}: settings, per-workload in-memory data, namespace prefixes. */
class WasiKeyValuePluginTest {
  static final WitWorld WORLD = WitWorld.serving(KeyValueWit.SERVED);

  @TempDir Path dir;

  static WasiKeyValuePlugin started(Map<String, String> settings) {
    WasiKeyValuePlugin p = new WasiKeyValuePlugin();
    p.start(new TestPluginContext(settings));
    return p;
  }

  static KvStore bind(WasiKeyValuePlugin p, String workloadId) {
    TestItem item = TestItem.component(workloadId, "api", WORLD);
    p.onWorkloadItemBind(item, Set.of());
    return (KvStore) item.implementation(KeyValueWit.STORE);
  }

  static <T> T ok(Result<T, StoreError> r) {
    assertThat(r.isOk()).as("ok, not %s", r.error()).isTrue();
    return r.value();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void servesTheUpstreamWitThroughRealTypedBindings() {
    WasiKeyValuePlugin p = started(Map.of());
    TypedBindings bindings = new TypedBindings(p.wit(), List.of());
    TestItem item = TestItem.component("w1", "api", WORLD).forwardingTo(bindings);
    p.onWorkloadItemBind(item, Set.of());
    assertThat(bindings.interfaces())
        .containsExactly(KeyValueWit.STORE, KeyValueWit.ATOMICS, KeyValueWit.BATCH);
    assertThat(p.id()).isEqualTo("wasi-keyvalue");
    assertThat(p.supportsNamedInstances()).isFalse();
  }

  @Test
  void inMemoryIsTheDefaultIsolatedPerWorkloadAndDroppedAtUnbind() {
    WasiKeyValuePlugin p = started(Map.of());
    assertThat(p.backendKind()).isEqualTo("in-memory");
    KvStore one = bind(p, "w1");
    KvStore two = bind(p, "w2");
    ok(one.bucketSet(ok(one.open("b")), "k", bytes("one")));
    assertThat(ok(two.bucketGet(ok(two.open("b")), "k"))).isEmpty();
    // a second item of the same workload shares its data
    KvStore oneAgain = bind(p, "w1");
    assertThat(ok(oneAgain.bucketGet(ok(oneAgain.open("b")), "k")).orElseThrow())
        .isEqualTo(bytes("one"));
    p.onWorkloadUnbind("w1", Set.of());
    p.onWorkloadUnbind("w1", Set.of()); // idempotent
    assertThat(p.inMemory("w1")).isEmpty();
    KvStore restarted = bind(p, "w1");
    assertThat(ok(restarted.bucketGet(ok(restarted.open("b")), "k"))).isEmpty();
  }

  @Test
  void sharedBackendsPrefixBucketsWithTheNamespaceUnlessTurnedOff() throws Exception {
    Path on = dir.resolve("on");
    KvStore prefixed = bind(started(Map.of("backend", "filesystem", "root", on.toString())), "w1");
    ok(prefixed.bucketSet(ok(prefixed.open("orders")), "k", bytes("v")));
    assertThat(Files.readString(on.resolve("default_orders/k"))).isEqualTo("v");

    Path off = dir.resolve("off");
    KvStore plain =
        bind(
            started(
                Map.of(
                    "backend", "filesystem",
                    "root", off.toString(),
                    "bucket-prefix-per-namespace", "false")),
            "w1");
    ok(plain.bucketSet(ok(plain.open("orders")), "k", bytes("v")));
    assertThat(Files.readString(off.resolve("orders/k"))).isEqualTo("v");
  }

  @Test
  void namingPrefixesOnlyWhenOnAndChecksTheName() throws Exception {
    assertThat(Naming.from(null).physical("team-a", "orders")).isEqualTo("team-a_orders");
    assertThat(Naming.from("true").physical("team-a", "orders")).isEqualTo("team-a_orders");
    assertThat(Naming.from("false").physical("team-a", "orders")).isEqualTo("orders");
    assertThat(Naming.from(null).physical("", "orders")).isEqualTo("orders");
    assertThatThrownBy(() -> Naming.from(null).physical("team-a", "a.b"))
        .hasMessageStartingWith("invalid bucket name 'a.b'");
  }

  @Test
  void badSettingsFailTheStartWithClearMessages() {
    assertThatThrownBy(() -> started(Map.of("backend", "nats")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "plugin wasi-keyvalue: backend nats uses the host's data NATS connection, and this host"
                + " has none: start it with --data-nats-url");
    assertThatThrownBy(() -> started(Map.of("backend", "redis")))
        .hasMessage("plugin wasi-keyvalue: backend redis needs setting 'url' (redis://host:6379)");
    assertThatThrownBy(() -> started(Map.of("backend", "filesystem")))
        .hasMessage("plugin wasi-keyvalue: backend filesystem needs setting 'root'");
    assertThatThrownBy(() -> started(Map.of("max-value-bytes", "1MB")))
        .hasMessage(
            "setting max-value-bytes must be a whole number from 1 to 2147483647, not '1MB'");
    assertThatThrownBy(() -> started(Map.of("timeout-ms", "0")))
        .hasMessage("setting timeout-ms must be a whole number from 1 to 3600000, not '0'");
    assertThatThrownBy(() -> started(Map.of("backend", "etcd")))
        .hasMessage(
            "plugin wasi-keyvalue: unknown backend 'etcd'; use one of in-memory, filesystem,"
                + " nats, redis");
  }

  @Test
  void callsAreCountedByFunctionBackendAndOutcome() {
    TestPluginContext context = new TestPluginContext();
    var meters = context.meterRegistry();
    WasiKeyValuePlugin p = new WasiKeyValuePlugin();
    p.start(context);
    KvStore s = bind(p, "w1");
    Bucket b = ok(s.open("b"));
    ok(s.bucketGet(b, "k"));
    s.bucketGet(b, "");
    assertThat(
            meters
                .counter(
                    "virga.wasi.keyvalue.calls",
                    "function",
                    "get",
                    "backend",
                    "in-memory",
                    "outcome",
                    "ok")
                .count())
        .isEqualTo(1.0);
    assertThat(
            meters
                .counter(
                    "virga.wasi.keyvalue.calls",
                    "function",
                    "get",
                    "backend",
                    "in-memory",
                    "outcome",
                    "other")
                .count())
        .isEqualTo(1.0);
    assertThat(s.bucketListKeys(b, Optional.of(-1L)).value())
        .isEqualTo(new KeyResponse(List.of(), Optional.empty()));
  }
}
