package virga.plugins.blobstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
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
import virga.plugins.blobstore.backend.BlobBackend;

/**
 * Plugin {@code wasi-blobstore-multiplexed}: the same interfaces, with the backend chosen per named
 * entry by its config: {@code backend} ({@code in-memory} default, {@code filesystem} with {@code
 * root}, {@code nats} with {@code url}, else the host's data NATS), plus {@code buckets} and {@code
 * read_only}. Backends are shared by entries with the same settings (an in-memory one per entry
 * name) and live until the plugin stops.
 */
public final class MultiplexedBlobstorePlugin implements HostPlugin {
  /** The plugin id. */
  public static final String ID = "wasi-blobstore-multiplexed";

  private final Map<String, BlobBackend> backends = new ConcurrentHashMap<>();
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();
  private final Session.Limits limits;
  private volatile MeterRegistry meters = new SimpleMeterRegistry();
  private volatile Optional<Connection> shared = Optional.empty();

  /** The plugin with the default limits. */
  public MultiplexedBlobstorePlugin() {
    this(Session.Limits.defaults());
  }

  MultiplexedBlobstorePlugin(Session.Limits limits) {
    this.limits = limits;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public WitWorld world() {
    return WasiBlobstorePlugin.servedWorld();
  }

  @Override
  public List<String> wit() {
    return WasiBlobstorePlugin.servedWit();
  }

  @Override
  public boolean supportsNamedInstances() {
    return true;
  }

  @Override
  public void start(PluginContext context) {
    meters = context.meterRegistry();
    shared = context.shared(Connection.class);
  }

  @Override
  public void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces) {
    List<WitInterface> entries =
        interfaces.stream().filter(WasiBlobstorePlugin::isBlobstore).toList();
    if (entries.size() > 1) {
      // a guest names no instance in its imports yet, so two entries cannot be told apart
      throw new IllegalArgumentException(
          "component '"
              + item.name()
              + "' of workload '"
              + item.workloadName()
              + "' has "
              + entries.size()
              + " wasi:blobstore entries for "
              + ID
              + " ("
              + entries
              + "): one component can use one named blobstore instance on this host");
    }
    WitInterface entry = entries.isEmpty() ? null : entries.get(0);
    Map<String, String> config = entry == null ? Map.of() : entry.config();
    String name = entry == null || entry.name() == null ? "default" : entry.name();
    BlobBackend b = backend(name, config);
    WasiBlobstorePlugin.bind(item, new Session(b, Policy.of(config), limits, meters));
  }

  @Override
  public void stop() {
    backends.values().forEach(BlobBackend::close);
    backends.clear();
    for (Connection c : connections.values()) {
      try {
        c.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // closing the others matters more than this one's failure
      }
    }
    connections.clear();
  }

  private BlobBackend backend(String name, Map<String, String> config) {
    String kind = Backends.kind(config);
    String where = "plugin " + ID + " entry '" + name + "'";
    String key =
        switch (kind) {
          case "filesystem" -> "filesystem:" + config.getOrDefault("root", "");
          case "nats" -> "nats:" + config.getOrDefault("url", "") + ":" + config.get("timeout");
          default -> kind + ":" + name;
        };
    return backends.computeIfAbsent(
        key, k -> Backends.create(config, natsFor(kind, config, where), where));
  }

  private Optional<Connection> natsFor(String kind, Map<String, String> config, String where) {
    String url = config.get("url");
    if (!kind.equals("nats") || url == null || url.isBlank()) {
      return shared;
    }
    return Optional.of(
        connections.computeIfAbsent(
            url.trim(),
            u -> {
              try {
                return Nats.connect(
                    new Options.Builder().server(u).connectionName("virga-" + ID).build());
              } catch (IOException e) {
                throw new IllegalArgumentException(
                    where + ": cannot connect to NATS at " + u + ": " + e.getMessage(), e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(where + ": interrupted connecting to " + u, e);
              }
            }));
  }
}
