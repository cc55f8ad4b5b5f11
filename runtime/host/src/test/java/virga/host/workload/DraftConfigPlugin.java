package virga.host.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import virga.plugin.HostPlugin;
import virga.plugin.PluginContext;
import virga.plugin.ResolvedWorkload;
import virga.plugin.Result;
import virga.plugin.Wit;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadInfo;
import virga.plugin.WorkloadItem;

/**
 * A test plugin serving {@code wasi:config/store@0.2.0-draft} (the version tcp-echo imports) from
 * each item's {@code localResources.config}, read live; it records the lifecycle calls it gets.
 */
public final class DraftConfigPlugin implements HostPlugin {
  static final String STORE = "wasi:config/store@0.2.0-draft";

  /** wasi:config's error variant. */
  public sealed interface Error permits Error.Upstream, Error.Io {
    record Upstream(String message) implements Error {}

    record Io(String message) implements Error {}
  }

  /** The store of one item: typed host bindings of {@code wasi:config/store}. */
  public static final class Store {
    private final Map<String, String> config;

    Store(Map<String, String> config) {
      this.config = config;
    }

    public Result<Optional<String>, Error> get(String key) {
      return Result.ok(Optional.ofNullable(config.get(key)));
    }

    public Result<List<Map.Entry<String, String>>, Error> getAll() {
      return Result.ok(List.copyOf(new TreeMap<>(config).entrySet()));
    }
  }

  final List<String> events = Collections.synchronizedList(new ArrayList<>());
  volatile PluginContext context;

  @Override
  public void start(PluginContext ctx) {
    context = ctx;
  }

  @Override
  public String id() {
    return "test-config";
  }

  @Override
  public WitWorld world() {
    return WitWorld.serving(STORE);
  }

  @Override
  public List<String> wit() {
    return List.of(Wit.resource(DraftConfigPlugin.class, "/wit/wasi-config-draft.wit"));
  }

  @Override
  public void onWorkloadBind(WorkloadInfo workload, Set<WitInterface> interfaces) {
    events.add("bind " + workload.name());
  }

  @Override
  public void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces) {
    events.add("bind-item " + item.name());
    item.bindings().implement(STORE, new Store(item.config()));
  }

  @Override
  public void onWorkloadResolved(ResolvedWorkload workload, String itemName) {
    events.add("resolved " + itemName);
  }

  @Override
  public void onWorkloadConfigUpdate(WorkloadItem item, Set<WitInterface> interfaces) {
    events.add("config " + item.name() + " " + new TreeMap<>(item.config()));
  }

  @Override
  public void onWorkloadUnbind(String workloadId, Set<WitInterface> interfaces) {
    events.add("unbind " + workloadId);
  }
}
