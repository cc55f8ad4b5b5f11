package virga.plugins.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import virga.plugin.HostPlugin;
import virga.plugin.PluginContext;
import virga.plugin.Result;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadFailureSink;
import virga.plugin.testing.TestItem;

class WasiConfigPluginTest {
  private final WasiConfigPlugin plugin = new WasiConfigPlugin();

  private static Set<WitInterface> entry(Map<String, String> config) {
    return Set.of(WitInterface.parse(WasiConfigPlugin.STORE).withConfig(config));
  }

  @Test
  void servesWasiConfigStoreRc1WithTheVendoredWit() {
    assertThat(plugin.id()).isEqualTo("wasi-config");
    assertThat(plugin.world().imports())
        .containsExactly(WitInterface.parse("wasi:config/store@0.2.0-rc.1"));
    assertThat(plugin.world().exports()).isEmpty();
    assertThat(plugin.supportsNamedInstances()).isFalse();
    assertThat(plugin.wit()).hasSize(1);
    assertThat(plugin.wit().get(0))
        .startsWith("package wasi:config@0.2.0-rc.1;\n")
        .contains("  get: func(key: string) -> result<option<string>, error>;\n")
        .contains("  get-all: func() -> result<list<tuple<string, string>>, error>;\n");
  }

  @Test
  void interfaceConfigIsOverriddenByLocalConfigWhichIsOverriddenByEnvironment() {
    TestItem api = item("w-1", "api");
    api.config().putAll(Map.of("region", "local", "log-level", "local"));
    api.environment().put("log-level", "env");

    plugin.onWorkloadItemBind(
        api, entry(Map.of("region", "iface", "log-level", "iface", "greeting", "iface")));

    ConfigStore store = store(api);
    assertThat(store.get("greeting")).isEqualTo(Result.ok(Optional.of("iface")));
    assertThat(store.get("region")).isEqualTo(Result.ok(Optional.of("local")));
    assertThat(store.get("log-level")).isEqualTo(Result.ok(Optional.of("env")));
    assertThat(store.getAll())
        .isEqualTo(
            Result.ok(
                List.of(
                    Map.entry("greeting", "iface"),
                    Map.entry("log-level", "env"),
                    Map.entry("region", "local"))));
  }

  @Test
  void aMissingKeyIsOkNone() {
    TestItem api = item("w-1", "api");
    plugin.onWorkloadItemBind(api, entry(Map.of()));

    assertThat(store(api).get("nope")).isEqualTo(Result.ok(Optional.empty()));
    assertThat(store(api).getAll()).isEqualTo(Result.ok(List.of()));
  }

  @Test
  void withoutCopyEnvironmentTheEnvironmentStaysOut() {
    WasiConfigPlugin noEnv = new WasiConfigPlugin(false);
    TestItem api = item("w-1", "api");
    api.config().put("a", "local");
    api.environment().putAll(Map.of("a", "env", "b", "env"));

    noEnv.onWorkloadItemBind(api, entry(Map.of()));

    assertThat(store(api).getAll()).isEqualTo(Result.ok(List.of(Map.entry("a", "local"))));
  }

  @Test
  void eachItemSeesItsOwnView() {
    TestItem api = item("w-1", "api");
    TestItem worker = item("w-1", "worker");
    api.config().put("role", "api");
    worker.config().put("role", "worker");

    plugin.onWorkloadItemBind(api, entry(Map.of("shared", "yes")));
    plugin.onWorkloadItemBind(worker, entry(Map.of("shared", "yes")));

    assertThat(store(api).get("role")).isEqualTo(Result.ok(Optional.of("api")));
    assertThat(store(worker).get("role")).isEqualTo(Result.ok(Optional.of("worker")));
    assertThat(plugin.view("w-1", "worker")).contains(Map.of("role", "worker", "shared", "yes"));
  }

  @Test
  void aConfigUpdateIsSeenByTheNextGetWithoutARebind() {
    TestItem api = item("w-1", "api");
    api.config().put("greeting", "hi");
    plugin.onWorkloadItemBind(api, entry(Map.of("from-iface", "1")));
    ConfigStore store = store(api);

    api.config().put("greeting", "hello");
    api.config().put("added", "yes");
    plugin.onWorkloadConfigUpdate(api, entry(Map.of("from-iface", "2")));

    assertThat(store.get("greeting")).isEqualTo(Result.ok(Optional.of("hello")));
    assertThat(store.getAll())
        .isEqualTo(
            Result.ok(
                List.of(
                    Map.entry("added", "yes"),
                    Map.entry("from-iface", "2"),
                    Map.entry("greeting", "hello"))));
    assertThat(api.registrations()).isEqualTo(1); // updated in place, not registered again
  }

  @Test
  void aReaderNeverSeesHalfAnUpdate() throws InterruptedException {
    TestItem api = item("w-1", "api");
    api.config().putAll(Map.of("x", "0", "y", "0"));
    plugin.onWorkloadItemBind(api, entry(Map.of()));
    ConfigStore store = store(api);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<String> torn = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get()) {
                List<Map.Entry<String, String>> all = store.getAll().orElseThrow();
                if (!all.get(0).getValue().equals(all.get(1).getValue())) {
                  torn.set(all.toString());
                }
              }
            });
    reader.start();

    for (int i = 1; i <= 2_000; i++) {
      api.config().putAll(Map.of("x", "" + i, "y", "" + i));
      plugin.onWorkloadConfigUpdate(api, entry(Map.of()));
    }
    done.set(true);
    reader.join();

    assertThat(torn.get()).isNull();
    assertThat(store.get("y")).isEqualTo(Result.ok(Optional.of("2000")));
  }

  @Test
  void unbindDropsTheWorkloadsViewsOnlyAndMayRepeat() {
    TestItem api = item("w-1", "api");
    TestItem other = item("w-2", "api");
    plugin.onWorkloadItemBind(api, entry(Map.of("k", "1")));
    plugin.onWorkloadItemBind(other, entry(Map.of("k", "2")));

    plugin.onWorkloadUnbind("w-1", entry(Map.of()));
    plugin.onWorkloadUnbind("w-1", entry(Map.of()));

    assertThat(plugin.view("w-1", "api")).isEmpty();
    assertThat(plugin.view("w-2", "api")).contains(Map.of("k", "2"));
    // An update for an unbound item is a no-op, not a resurrection.
    plugin.onWorkloadConfigUpdate(api, entry(Map.of("k", "3")));
    assertThat(plugin.view("w-1", "api")).isEmpty();
  }

  @Test
  void getsAreCountedOnTheHostsRegistry() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    plugin.start(context(meters));
    TestItem api = item("w-1", "api");
    plugin.onWorkloadItemBind(api, entry(Map.of()));

    store(api).get("a");
    store(api).get("b");
    store(api).getAll();

    assertThat(meters.get("virga.wasi.config.gets").tag("function", "get").counter().count())
        .isEqualTo(2.0);
    assertThat(meters.get("virga.wasi.config.gets").tag("function", "get-all").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void theErrorVariantHasTheWitCasesAsOneStringRecords() {
    assertThat(
            Arrays.stream(ConfigStore.Error.class.getPermittedSubclasses())
                .map(Class::getSimpleName))
        .containsExactlyInAnyOrder("Upstream", "Io");
    assertThat(new ConfigStore.Error.Upstream("vault down").value()).isEqualTo("vault down");
  }

  @Test
  void serviceLoaderFindsIt() {
    assertThat(ServiceLoader.load(HostPlugin.class).stream().map(ServiceLoader.Provider::type))
        .contains(WasiConfigPlugin.class);
  }

  private static PluginContext context(SimpleMeterRegistry meters) {
    return new PluginContext() {
      @Override
      public String hostId() {
        return "host-1";
      }

      @Override
      public io.micrometer.core.instrument.MeterRegistry meterRegistry() {
        return meters;
      }

      @Override
      public WorkloadFailureSink failureSink() {
        return (id, reason) -> {};
      }
    };
  }

  static TestItem item(String workloadId, String name) {
    return TestItem.component(workloadId, name, WitWorld.serving(WasiConfigPlugin.STORE));
  }

  static ConfigStore store(TestItem item) {
    return (ConfigStore) item.implementation(WasiConfigPlugin.STORE);
  }
}
