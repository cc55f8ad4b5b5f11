package virga.plugins.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import virga.plugin.HostPlugin;
import virga.plugin.PluginContext;
import virga.plugin.Wit;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;

/**
 * Plugin {@code wasi-config}: serves {@code wasi:config/store@0.2.0-rc.1} with one view per
 * workload item, merged as wasmCloud's {@code DynamicConfig} does: the matched host-interface
 * entry's config, overlaid by {@code localResources.config}, overlaid by the item's environment
 * (wasmCloud's {@code copy_environment}, on in {@code wash host}). A config update replaces an
 * item's view at once; an unbind drops the workload's views (wasmCloud keeps them forever).
 */
public final class WasiConfigPlugin implements HostPlugin {
  /** The plugin id. */
  public static final String ID = "wasi-config";

  /** The interface served. */
  public static final String STORE = "wasi:config/store@0.2.0-rc.1";

  /** The class-path resource declaring it. */
  static final String WIT = "/wit/wasi-config-0.2.0-rc.1/package.wit";

  private final boolean copyEnvironment;
  private final Map<ItemKey, ConfigStore> stores = new ConcurrentHashMap<>();
  private volatile Counter gets;
  private volatile Counter getAlls;

  private record ItemKey(String workloadId, String itemName) {}

  /** The plugin as {@code wash host} registers it: environment copied into the view. */
  public WasiConfigPlugin() {
    this(true);
  }

  /** The plugin; {@code copyEnvironment} overlays each item's environment on its config. */
  public WasiConfigPlugin(boolean copyEnvironment) {
    this.copyEnvironment = copyEnvironment;
    // Counting works before start() too (tests, embedders); start() moves it to the host's
    // registry.
    meters(new SimpleMeterRegistry());
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public WitWorld world() {
    return WitWorld.serving(STORE);
  }

  @Override
  public List<String> wit() {
    return List.of(Wit.resource(WasiConfigPlugin.class, WIT));
  }

  @Override
  public void start(PluginContext context) {
    meters(context.meterRegistry());
  }

  @Override
  public void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces) {
    ConfigStore store = new ConfigStore(view(item, interfaces), gets, getAlls);
    item.bindings().implement(STORE, store);
    stores.put(new ItemKey(item.workloadId(), item.name()), store);
  }

  @Override
  public void onWorkloadConfigUpdate(WorkloadItem item, Set<WitInterface> interfaces) {
    ConfigStore store = stores.get(new ItemKey(item.workloadId(), item.name()));
    if (store != null) {
      store.replace(view(item, interfaces));
    }
  }

  @Override
  public void onWorkloadUnbind(String workloadId, Set<WitInterface> interfaces) {
    stores.keySet().removeIf(k -> k.workloadId().equals(workloadId));
  }

  /** What item {@code itemName} of workload {@code workloadId} reads now, if it is bound. */
  public Optional<Map<String, String>> view(String workloadId, String itemName) {
    return Optional.ofNullable(stores.get(new ItemKey(workloadId, itemName)))
        .map(ConfigStore::values);
  }

  private Map<String, String> view(WorkloadItem item, Set<WitInterface> interfaces) {
    Map<String, String> merged = new HashMap<>();
    // Several wasi:config entries are unusual; merging them in a fixed order keeps it repeatable.
    interfaces.stream()
        .filter(i -> i.namespace().equals("wasi") && i.packageName().equals("config"))
        .sorted(Comparator.comparing(WitInterface::toString))
        .forEach(i -> merged.putAll(i.config()));
    merged.putAll(item.config());
    if (copyEnvironment) {
      merged.putAll(item.environment());
    }
    return merged;
  }

  private void meters(MeterRegistry registry) {
    gets = counter(registry, "get");
    getAlls = counter(registry, "get-all");
  }

  private static Counter counter(MeterRegistry registry, String function) {
    return Counter.builder("virga.wasi.config.gets")
        .description("Calls of wasi:config/store by guests")
        .tag("function", function)
        .register(registry);
  }
}
