package virga.plugins.blobstore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import virga.plugin.HostPlugin;
import virga.plugin.PluginContext;
import virga.plugin.Wit;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;
import virga.plugins.blobstore.backend.BlobBackend;

/**
 * Plugin {@code wasi-blobstore}: serves {@code wasi:blobstore/blobstore, container,
 * types @0.2.0-draft} from one backend per host, chosen by the host setting {@code backend} ({@code
 * --plugin-config wasi-blobstore.backend=nats}): {@code in-memory} (default), {@code filesystem}
 * with {@code root}, or {@code nats}, the JetStream object store on the host's data NATS. Each
 * workload's entry config gives its {@code buckets} allow-list and {@code read_only}, both
 * enforced.
 */
public final class WasiBlobstorePlugin implements HostPlugin {
  /** The plugin id. */
  public static final String ID = "wasi-blobstore";

  /** The interfaces served. */
  public static final String BLOBSTORE = "wasi:blobstore/blobstore@0.2.0-draft";

  /** The interfaces served. */
  public static final String CONTAINER = "wasi:blobstore/container@0.2.0-draft";

  /** The interfaces served. */
  public static final String TYPES = "wasi:blobstore/types@0.2.0-draft";

  /** The class-path resource declaring them. */
  public static final String WIT = "/wit/wasi-blobstore-0.2.0-draft/package.wit";

  private volatile BlobBackend backend;
  private volatile MeterRegistry meters = new SimpleMeterRegistry();
  private final Session.Limits limits;

  /** The plugin with the default limits. */
  public WasiBlobstorePlugin() {
    this(Session.Limits.defaults());
  }

  WasiBlobstorePlugin(Session.Limits limits) {
    this.limits = limits;
  }

  /** The world both blobstore plugins serve. */
  static WitWorld servedWorld() {
    return WitWorld.serving(BLOBSTORE, CONTAINER, TYPES);
  }

  /** The WIT both blobstore plugins ship. */
  static List<String> servedWit() {
    return List.of(Wit.resource(WasiBlobstorePlugin.class, WIT));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public WitWorld world() {
    return servedWorld();
  }

  @Override
  public List<String> wit() {
    return servedWit();
  }

  @Override
  public void start(PluginContext context) {
    meters = context.meterRegistry();
    backend =
        Backends.create(
            context.settings(), context.shared(Connection.class), "plugin " + ID + " settings");
  }

  @Override
  public void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces) {
    BlobBackend b = backend;
    if (b == null) {
      throw new IllegalStateException("plugin " + ID + " is not started");
    }
    bind(item, new Session(b, Policy.of(entryConfig(interfaces)), limits, meters));
  }

  @Override
  public void stop() {
    BlobBackend b = backend;
    backend = null;
    if (b != null) {
      b.close();
    }
  }

  /** Registers the three interfaces of {@code session} on {@code item}. */
  static void bind(WorkloadItem item, Session session) {
    item.bindings().implement(TYPES, new Values(session));
    item.bindings().implement(CONTAINER, new Containers(session));
    item.bindings().implement(BLOBSTORE, new Blobstore(session));
  }

  /** The config of the item's wasi:blobstore entries, merged in a fixed order. */
  static Map<String, String> entryConfig(Set<WitInterface> interfaces) {
    Map<String, String> merged = new HashMap<>();
    interfaces.stream()
        .filter(WasiBlobstorePlugin::isBlobstore)
        .sorted(Comparator.comparing(WitInterface::toString))
        .forEach(i -> merged.putAll(i.config()));
    return merged;
  }

  static boolean isBlobstore(WitInterface i) {
    return i.namespace().equals("wasi") && i.packageName().equals("blobstore");
  }

  /** The backend in use (after start). */
  Optional<BlobBackend> backend() {
    return Optional.ofNullable(backend);
  }
}
