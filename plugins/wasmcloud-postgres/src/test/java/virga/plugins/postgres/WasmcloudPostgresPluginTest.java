package virga.plugins.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import virga.plugin.PluginContext;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadFailureSink;
import virga.plugin.bind.TypedBindings;
import virga.plugin.testing.TestItem;

class WasmcloudPostgresPluginTest {
  static final String ENTRY = "wasmcloud:postgres/types,query,prepared@0.1.1-draft";

  static TestItem item(String workloadId, String name) {
    return TestItem.component(
        workloadId,
        name,
        new WitWorld(
            Set.of(
                WitInterface.parse(WasmcloudPostgresPlugin.QUERY),
                WitInterface.parse(WasmcloudPostgresPlugin.PREPARED)),
            Set.of()));
  }

  static PluginContext context(MeterRegistry registry, Map<String, String> settings) {
    return new PluginContext() {
      @Override
      public String hostId() {
        return "host-1";
      }

      @Override
      public MeterRegistry meterRegistry() {
        return registry;
      }

      @Override
      public WorkloadFailureSink failureSink() {
        return null;
      }

      @Override
      public Map<String, String> settings() {
        return settings;
      }

      @Override
      public <T> Optional<T> shared(Class<T> type) {
        return Optional.empty();
      }
    };
  }

  @Test
  void servesTheSynchronousDraftPackage() {
    WasmcloudPostgresPlugin plugin = new WasmcloudPostgresPlugin();
    assertThat(plugin.id()).isEqualTo("wasmcloud-postgres");
    assertThat(plugin.world().imports()).containsExactly(WitInterface.parse(ENTRY));
    assertThat(plugin.supportsNamedInstances()).isTrue();
    assertThat(plugin.wit().get(0))
        .contains("package wasmcloud:postgres@0.1.1-draft;\n")
        .contains(
            "  query: func(query: string, params: list<pg-value>) -> result<list<result-row>,"
                + " query-error>;\n");
  }

  @Test
  void theJavaTypesMatchTheWitThroughTheRealGlue() {
    WasmcloudPostgresPlugin plugin = new WasmcloudPostgresPlugin();
    plugin.start(context(new SimpleMeterRegistry(), Map.of("url", "postgres://u@127.0.0.1:1")));
    TypedBindings bindings = new TypedBindings(plugin.wit(), List.of());
    TestItem api = item("w-1", "api").forwardingTo(bindings);

    plugin.onWorkloadItemBind(
        api, Set.of(WitInterface.parse(ENTRY).withConfig(Map.of("database", "orders"))));

    assertThat(bindings.interfaces())
        .containsExactlyInAnyOrder(WasmcloudPostgresPlugin.QUERY, WasmcloudPostgresPlugin.PREPARED);
    assertThat(plugin.database("w-1", "api")).contains("127.0.0.1:1/orders");
    assertThat(plugin.poolCount()).isEqualTo(1);
    plugin.onWorkloadUnbind("w-1", Set.of());
    assertThat(plugin.poolCount()).isZero();
    plugin.stop();
  }

  @Test
  void anUnnamedEntryNeedsADatabaseAsInWasmCloud() {
    WasmcloudPostgresPlugin plugin = new WasmcloudPostgresPlugin();
    plugin.start(context(new SimpleMeterRegistry(), Map.of("url", "postgres://u@h:1")));
    assertThatThrownBy(
            () -> plugin.onWorkloadItemBind(item("w", "api"), Set.of(WitInterface.parse(ENTRY))))
        .hasMessage("wasmcloud:postgres requires a 'database' config parameter");
  }

  @Test
  void anUnnamedEntryNeedsTheHostUrl() {
    WasmcloudPostgresPlugin plugin = new WasmcloudPostgresPlugin();
    plugin.start(context(new SimpleMeterRegistry(), Map.of()));
    assertThatThrownBy(
            () ->
                plugin.onWorkloadItemBind(
                    item("w", "api"),
                    Set.of(WitInterface.parse(ENTRY).withConfig(Map.of("database", "d")))))
        .hasMessage(
            "wasmcloud:postgres entry with database 'd' needs the host setting"
                + " wasmcloud-postgres.url (wasmCloud's --postgres-url), or a named entry with a"
                + " 'url'");
  }

  @Test
  void aNamedEntryNeedsAUrl() {
    WasmcloudPostgresPlugin plugin = new WasmcloudPostgresPlugin();
    plugin.start(context(new SimpleMeterRegistry(), Map.of()));
    assertThatThrownBy(
            () ->
                plugin.onWorkloadItemBind(
                    item("w", "api"), Set.of(WitInterface.parse(ENTRY).withName("reports"))))
        .hasMessage("wasmcloud:postgres entry 'reports' requires a 'url' config parameter");
  }

  @Test
  void badHostSettingsFailTheStart() {
    assertThatThrownBy(
            () ->
                new WasmcloudPostgresPlugin()
                    .start(context(new SimpleMeterRegistry(), Map.of("url", "http://x/y"))))
        .hasMessage("not a postgres:// URL (scheme http; expected postgres or postgresql)");
    assertThatThrownBy(
            () ->
                new WasmcloudPostgresPlugin()
                    .start(
                        context(
                            new SimpleMeterRegistry(), Map.of("connection-timeout-ms", "soon"))))
        .hasMessage("wasmcloud-postgres.connection-timeout-ms is not a number: soon");
  }
}
