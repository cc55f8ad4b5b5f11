package virga.plugins.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import virga.component.runtime.ComponentFunction;
import virga.component.runtime.Item;
import virga.component.values.Value;
import virga.plugin.HostBindings;
import virga.plugin.HostPlugin;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;
import virga.plugin.bind.ResourceScope;
import virga.plugin.bind.TypedBindings;
import virga.plugin.testing.TestItem;
import virga.plugins.logging.CapturingSlf4j.Event;
import virga.plugins.logging.GuestLogger.Level;

class WasiLoggingPluginTest {
  private static final Map<String, String> MDC_API =
      Map.of("workload", "w-1", "workload.name", "shop", "component", "api");

  private final WasiLoggingPlugin plugin = new WasiLoggingPlugin();

  @BeforeEach
  @AfterEach
  void reset() {
    CapturingSlf4j.reset();
    MDC.clear();
  }

  /** Binds item {@code name} of workload shop (w-1) and returns what it registered. */
  private GuestLogger bind(String name) {
    Map<String, Object> impls = new LinkedHashMap<>();
    plugin.onWorkloadItemBind(
        item(name, impls::put), Set.of(WitInterface.parse(WasiLoggingPlugin.LOGGING)));
    assertThat(impls).containsOnlyKeys("wasi:logging/logging@0.1.0-draft");
    return (GuestLogger) impls.get(WasiLoggingPlugin.LOGGING);
  }

  @Test
  void servesWasiLoggingDraft() {
    assertThat(plugin.id()).isEqualTo("wasi-logging");
    assertThat(plugin.world().imports())
        .containsExactly(WitInterface.parse("wasi:logging/logging@0.1.0-draft"));
    assertThat(plugin.wit().get(0))
        .startsWith("package wasi:logging@0.1.0-draft;\n")
        .contains("    log: func(level: level, context: string, message: string);\n");
  }

  @Test
  void eachLevelMapsToSlf4jWithCriticalAsMarkedError() {
    GuestLogger logger = bind("api");

    for (Level level : Level.values()) {
      logger.log(level, "", level.name().toLowerCase());
    }

    assertThat(CapturingSlf4j.events())
        .containsExactly(
            new Event("virga.guest", org.slf4j.event.Level.TRACE, null, "trace", MDC_API),
            new Event("virga.guest", org.slf4j.event.Level.DEBUG, null, "debug", MDC_API),
            new Event("virga.guest", org.slf4j.event.Level.INFO, null, "info", MDC_API),
            new Event("virga.guest", org.slf4j.event.Level.WARN, null, "warn", MDC_API),
            new Event("virga.guest", org.slf4j.event.Level.ERROR, null, "error", MDC_API),
            new Event("virga.guest", org.slf4j.event.Level.ERROR, "CRITICAL", "critical", MDC_API));
  }

  @Test
  void aNameLikeContextNamesTheLogger() {
    bind("api").log(Level.INFO, "db.pool", "3 connections");

    assertThat(CapturingSlf4j.events())
        .containsExactly(
            new Event(
                "virga.guest.db.pool", org.slf4j.event.Level.INFO, null, "3 connections", MDC_API));
  }

  @Test
  void anotherContextStaysInTheMessage() {
    bind("api").log(Level.WARN, "GET /orders 500", "upstream {} failed");

    assertThat(CapturingSlf4j.events())
        .containsExactly(
            new Event(
                "virga.guest",
                org.slf4j.event.Level.WARN,
                null,
                "GET /orders 500: upstream {} failed",
                MDC_API));
  }

  @Test
  void theMdcNamesTheCallerAndIsRestoredAfterTheCall() {
    MDC.put("workload", "outer");
    GuestLogger api = bind("api");
    GuestLogger worker = bind("worker");

    api.log(Level.INFO, "", "from api");
    worker.log(Level.INFO, "", "from worker");

    assertThat(CapturingSlf4j.events())
        .extracting(Event::mdc)
        .containsExactly(
            MDC_API, Map.of("workload", "w-1", "workload.name", "shop", "component", "worker"));
    assertThat(MDC.get("workload")).isEqualTo("outer");
    assertThat(MDC.get("component")).isNull();
  }

  @Test
  void aDisabledLevelLogsNothing() {
    CapturingSlf4j.minimum = org.slf4j.event.Level.INFO;

    bind("api").log(Level.DEBUG, "", "noise");

    assertThat(CapturingSlf4j.events()).isEmpty();
  }

  @Test
  void theRealTypedBindingsAcceptTheLoggerAndPassTheLevel() {
    TypedBindings bindings = new TypedBindings(plugin.wit(), List.of());
    plugin.onWorkloadItemBind(
        item("api", bindings), Set.of(WitInterface.parse(WasiLoggingPlugin.LOGGING)));
    Item.Instance logging = bindings.instance(WasiLoggingPlugin.LOGGING, new ResourceScope());
    ComponentFunction log = ((Item.Func) logging.exports().get("log")).function();

    log.call(Value.enumCase("critical"), Value.string("db"), Value.string("disk full"));

    assertThat(CapturingSlf4j.events())
        .containsExactly(
            new Event(
                "virga.guest.db", org.slf4j.event.Level.ERROR, "CRITICAL", "disk full", MDC_API));
  }

  @Test
  void serviceLoaderFindsIt() {
    assertThat(ServiceLoader.load(HostPlugin.class).stream().map(ServiceLoader.Provider::type))
        .contains(WasiLoggingPlugin.class);
  }

  private static WorkloadItem item(String name, HostBindings bindings) {
    return TestItem.component("w-1", name, WitWorld.serving(WasiLoggingPlugin.LOGGING))
        .forwardingTo(bindings);
  }
}
