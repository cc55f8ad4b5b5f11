package virga.plugins.keyvalue;

import io.nats.client.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import virga.plugin.HostPlugin;
import virga.plugin.PluginContext;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;
import virga.plugins.keyvalue.backend.InMemoryBackend;
import virga.plugins.keyvalue.backend.KvBackend;
import virga.plugins.keyvalue.backend.KvException;

/**
 * Plugin {@code wasi-keyvalue-multiplexed}: one backend per named {@code hostInterfaces} entry,
 * from the entry's config keys {@code backend} ({@code in-memory} default, {@code filesystem},
 * {@code nats}, {@code redis}), {@code url} (redis, nats; nats without url uses the host's data
 * connection), {@code prefix} (redis) and {@code root} (filesystem). Backends with one config share
 * one connection and are closed at stop.
 *
 * <p>wasmCloud routes each entry to a separate named import of the component ({@code implements});
 * this host links one import per interface, so the guest picks the entry in {@code open}: {@code
 * open("team-a/orders")} opens bucket {@code orders} on entry {@code team-a}, {@code
 * open("team-a")} bucket {@code team-a} there; a plain name that is no entry goes to the workload's
 * only entry (or its unnamed one) and otherwise is {@code no-such-store}.
 */
public final class MultiplexedKeyValuePlugin implements HostPlugin {
  /** The plugin id (wasmCloud's). */
  public static final String ID = "wasi-keyvalue-multiplexed";

  private static final String UNNAMED = "";

  private final Map<String, InMemoryBackend> inMemory = new ConcurrentHashMap<>();
  private volatile Backends backends = new Backends(Limits.DEFAULT, java.util.Optional.empty());
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
  public boolean supportsNamedInstances() {
    return true;
  }

  @Override
  public void start(PluginContext context) {
    Map<String, String> settings = context.settings();
    limits = Limits.from(settings);
    naming = Naming.from(settings.get("bucket-prefix-per-namespace"));
    calls = new Calls(context.meterRegistry());
    backends = new Backends(limits, context.shared(Connection.class));
  }

  @Override
  public void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces) {
    Map<String, KvBackend> entries = new TreeMap<>();
    for (WitInterface entry : interfaces) {
      if (!entry.namespace().equals("wasi") || !entry.packageName().equals("keyvalue")) {
        continue;
      }
      String name = entry.name() == null ? UNNAMED : entry.name();
      entries.computeIfAbsent(name, n -> backend(item, n, entry.config()));
    }
    String namespace = item.workloadNamespace();
    KeyValueWit.serve(
        item,
        identifier -> {
          int slash = identifier.indexOf('/');
          String entryName = slash < 0 ? identifier : identifier.substring(0, slash);
          String bucket = slash < 0 ? identifier : identifier.substring(slash + 1);
          KvBackend backend = entries.get(entryName);
          if (backend == null && slash < 0) {
            backend =
                entries.size() == 1 ? entries.values().iterator().next() : entries.get(UNNAMED);
          }
          if (backend == null) {
            throw KvException.noSuchStore(identifier);
          }
          String physical =
              backend instanceof InMemoryBackend
                  ? new Naming(false).physical(null, bucket)
                  : naming.physical(namespace, bucket);
          return new Bucket(backend, physical, identifier);
        },
        limits,
        calls);
  }

  private KvBackend backend(WorkloadItem item, String name, Map<String, String> config) {
    String kind = config.getOrDefault("backend", "in-memory").trim();
    String where = "wasi:keyvalue entry '" + name + "' of workload '" + item.workloadName() + "'";
    if (kind.equals("in-memory")) {
      // isolated per workload and entry, dropped at unbind
      return inMemory.computeIfAbsent(
          item.workloadId() + "\u0000" + name, k -> new InMemoryBackend());
    }
    return backends.get(kind, config, where);
  }

  @Override
  public void onWorkloadUnbind(String workloadId, Set<WitInterface> interfaces) {
    List<String> gone = new ArrayList<>();
    for (String k : inMemory.keySet()) {
      if (k.startsWith(workloadId + "\u0000")) {
        gone.add(k);
      }
    }
    gone.forEach(inMemory::remove);
  }

  @Override
  public void stop() {
    backends.close();
    inMemory.clear();
  }
}
