package virga.plugins.postgres;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
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
 * Plugin {@code wasmcloud-postgres}: serves {@code
 * wasmcloud:postgres/types,query,prepared @0.1.1-draft} on JDBC, with one HikariCP pool per
 * database shared by every workload on the host. An unnamed host-interface entry names its {@code
 * database} on the server of the host setting {@code url} (wasmCloud's {@code --postgres-url}); a
 * named entry brings its own {@code url}.
 */
public final class WasmcloudPostgresPlugin implements HostPlugin {
  /** The plugin id. */
  public static final String ID = "wasmcloud-postgres";

  /** The query interface. */
  public static final String QUERY = "wasmcloud:postgres/query@0.1.1-draft";

  /** The prepared-statement interface. */
  public static final String PREPARED = "wasmcloud:postgres/prepared@0.1.1-draft";

  /** The class-path resource declaring them. */
  static final String WIT = "/wit/wasmcloud-postgres-0.1.1-draft/package.wit";

  /** Host setting: the server, without database (wasmCloud's {@code --postgres-url}). */
  public static final String URL_SETTING = "url";

  /** Host setting: how long a call waits for a connection before it fails, in milliseconds. */
  public static final String TIMEOUT_SETTING = "connection-timeout-ms";

  static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  private final Map<ItemKey, DatabaseUrl> bound = new ConcurrentHashMap<>();
  private volatile String hostUrl;
  private volatile MeterRegistry registry = new SimpleMeterRegistry();
  private volatile Pools pools = new Pools(registry, DEFAULT_CONNECTION_TIMEOUT);
  private volatile Calls calls = new Calls(registry);

  private record ItemKey(String workloadId, String itemName) {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public WitWorld world() {
    return WitWorld.serving("wasmcloud:postgres/types,query,prepared@0.1.1-draft");
  }

  @Override
  public List<String> wit() {
    return List.of(Wit.resource(WasmcloudPostgresPlugin.class, WIT));
  }

  /** A named entry carries its own {@code url}, as in wasmCloud. */
  @Override
  public boolean supportsNamedInstances() {
    return true;
  }

  @Override
  public void start(PluginContext context) {
    Map<String, String> settings = context.settings();
    hostUrl = settings.get(URL_SETTING);
    if (hostUrl != null) {
      // fail the host's start on a malformed URL rather than every bind later
      DatabaseUrl.of(hostUrl, "postgres");
    }
    Duration timeout = DEFAULT_CONNECTION_TIMEOUT;
    String t = settings.get(TIMEOUT_SETTING);
    if (t != null) {
      try {
        timeout = Duration.ofMillis(Long.parseLong(t.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(ID + "." + TIMEOUT_SETTING + " is not a number: " + t);
      }
      if (timeout.toMillis() < 250) {
        // HikariCP's floor
        throw new IllegalArgumentException(ID + "." + TIMEOUT_SETTING + " must be at least 250");
      }
    }
    registry = context.meterRegistry();
    pools = new Pools(registry, timeout);
    calls = new Calls(registry);
  }

  @Override
  public void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces) {
    List<WitInterface> ours =
        interfaces.stream()
            .filter(i -> i.namespace().equals("wasmcloud") && i.packageName().equals("postgres"))
            .toList();
    if (ours.isEmpty()) {
      return;
    }
    if (ours.size() > 1) {
      throw new IllegalArgumentException(
          "component '"
              + item.name()
              + "' has "
              + ours.size()
              + " wasmcloud:postgres entries: one database per component");
    }
    DatabaseUrl url = urlOf(ours.get(0));
    Database db = new Database(pools.acquire(url));
    try {
      item.bindings().implement(QUERY, new PostgresQuery(db, calls));
      item.bindings().implement(PREPARED, new PostgresPrepared(db, calls));
    } catch (RuntimeException e) {
      // the binder unbinds only what bound: give the pool back here
      pools.release(url);
      throw e;
    }
    DatabaseUrl previous = bound.put(new ItemKey(item.workloadId(), item.name()), url);
    if (previous != null) {
      pools.release(previous);
    }
  }

  private DatabaseUrl urlOf(WitInterface entry) {
    Map<String, String> config = entry.config();
    if (entry.name() != null && config.containsKey("url")) {
      return DatabaseUrl.of(config.get("url"), config.get("database"));
    }
    String database = config.get("database");
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException(
          entry.name() == null
              ? "wasmcloud:postgres requires a 'database' config parameter"
              : "wasmcloud:postgres entry '"
                  + entry.name()
                  + "' requires a 'url' config parameter");
    }
    if (hostUrl == null) {
      throw new IllegalArgumentException(
          "wasmcloud:postgres entry with database '"
              + database
              + "' needs the host setting "
              + ID
              + "."
              + URL_SETTING
              + " (wasmCloud's --postgres-url), or a named entry with a 'url'");
    }
    return DatabaseUrl.of(hostUrl, database);
  }

  @Override
  public void onWorkloadUnbind(String workloadId, Set<WitInterface> interfaces) {
    bound
        .entrySet()
        .removeIf(
            e -> {
              if (e.getKey().workloadId().equals(workloadId)) {
                pools.release(e.getValue());
                return true;
              }
              return false;
            });
  }

  @Override
  public void stop() {
    bound.clear();
    pools.close();
  }

  /** How many pools are open (one per database in use on this host). */
  public int poolCount() {
    return pools.size();
  }

  /** The open pools' names ({@code wasmcloud-postgres host:port/database}), sorted. */
  public Set<String> poolNames() {
    return pools.names();
  }

  /** The database item {@code itemName} of workload {@code workloadId} is bound to. */
  public Optional<String> database(String workloadId, String itemName) {
    return Optional.ofNullable(bound.get(new ItemKey(workloadId, itemName)))
        .map(DatabaseUrl::displayName);
  }
}
