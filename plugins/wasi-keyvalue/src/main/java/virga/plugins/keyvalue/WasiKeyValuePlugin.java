package virga.plugins.keyvalue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import virga.plugin.HostPlugin;
import virga.plugin.PluginContext;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;
import virga.plugins.keyvalue.backend.InMemoryBackend;
import virga.plugins.keyvalue.backend.KvBackend;

/**
 * Plugin {@code wasi-keyvalue}: {@code wasi:keyvalue/store,atomics,batch@0.2.0-draft} on one
 * backend per host, chosen by host setting {@code backend} ({@code --plugin-config
 * wasi-keyvalue.backend=nats}): {@code in-memory} (default; per workload, dropped at unbind, as
 * wasmCloud's {@code InMemoryKeyValue}), {@code filesystem} ({@code root}), {@code nats} (the
 * host's data NATS connection) or {@code redis} ({@code url}). On shared backends the physical
 * bucket name carries the workload's namespace unless {@code bucket-prefix-per-namespace=false}.
 */
public final class WasiKeyValuePlugin implements HostPlugin {
  /** The plugin id (wasmCloud's). */
  public static final String ID = "wasi-keyvalue";

  private final Map<String, InMemoryBackend> inMemory = new ConcurrentHashMap<>();
  private volatile String kind = "in-memory";
  private volatile KvBackend shared;
  private volatile Backends backends;
  private volatile Naming naming = new Naming(true);
  private volatile Limits limits = Limits.DEFAULT;
  private volatile Calls calls = Calls.unmetered();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public WitWorld world() {
    return KeyValueWit.world();
  }

  @Override
  public List<String> wit() {
    return KeyValueWit.wit();
  }

  @Override
  public void start(PluginContext context) {
    Map<String, String> settings = context.settings();
    limits = Limits.from(settings);
    naming = Naming.from(settings.get("bucket-prefix-per-namespace"));
    calls = new Calls(context.meterRegistry());
    kind = settings.getOrDefault("backend", "in-memory").trim();
    if (!kind.equals("in-memory")) {
      // nats here always means the host's data connection; a url is for the multiplexed plugin
      Map<String, String> config = kind.equals("nats") ? withoutUrl(settings) : settings;
      backends = new Backends(limits, context.shared(io.nats.client.Connection.class));
      shared = backends.get(kind, config, "plugin " + ID);
    }
  }

  private static Map<String, String> withoutUrl(Map<String, String> settings) {
    Map<String, String> m = new java.util.HashMap<>(settings);
    m.remove("url");
    return m;
  }

  /** The backend kind in use. */
  public String backendKind() {
    return kind;
  }

  @Override
  public void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces) {
    String workloadId = item.workloadId();
    String namespace = item.workloadNamespace();
    BucketOpener opener;
    if (shared == null) {
      InMemoryBackend mine = inMemory.computeIfAbsent(workloadId, w -> new InMemoryBackend());
      // per workload already: no namespace prefix needed
      opener = id -> new Bucket(mine, new Naming(false).physical(null, id), id);
    } else {
      KvBackend backend = shared;
      opener = id -> new Bucket(backend, naming.physical(namespace, id), id);
    }
    KeyValueWit.serve(item, opener, limits, calls);
  }

  @Override
  public void onWorkloadUnbind(String workloadId, Set<WitInterface> interfaces) {
    inMemory.remove(workloadId);
  }

  /** Whether workload {@code workloadId} has in-memory data (tests). */
  Optional<InMemoryBackend> inMemory(String workloadId) {
    return Optional.ofNullable(inMemory.get(workloadId));
  }

  @Override
  public void stop() {
    Backends b = backends;
    if (b != null) {
      b.close();
    }
    inMemory.clear();
  }
}
