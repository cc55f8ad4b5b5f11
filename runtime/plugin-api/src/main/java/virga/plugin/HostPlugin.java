package virga.plugin;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A host plugin: a Java implementation of WIT interfaces, linked in-process into every workload
 * item that needs it and shared by all workloads on the host (wasmCloud's {@code HostPlugin}
 * trait). Found with {@link java.util.ServiceLoader} or registered in code; every method but {@link
 * #id()} and {@link #world()} has a do-nothing default.
 *
 * <p>Lifecycle, as the host drives it: {@link #start} once; per workload start, in plugin-id order,
 * {@link #onWorkloadBind} once then {@link #onWorkloadItemBind} per component or service that uses
 * the plugin, then {@link #onWorkloadResolved} per bound item once every item is linked; at
 * workload stop (or a failed start) {@link #onWorkloadUnbind}, which may come several times for one
 * workload and must be idempotent; {@link #stop} once, bounded by {@link #stopTimeout()}.
 */
public interface HostPlugin {
  /** The id, unique on the host ({@code wasi-config}); binding goes in id order. */
  String id();

  /**
   * What the plugin serves: its imports are interfaces it serves to guests, its exports are guest
   * exports it calls (a messaging handler).
   */
  WitWorld world();

  /**
   * The WIT documents (text) declaring the interfaces this plugin implements with {@link
   * HostBindings#implement}; {@link Wit#resource} reads one from the plugin's jar.
   */
  default List<String> wit() {
    return List.of();
  }

  /** Whether this plugin takes {@code iface}, which its world matches; false hands it on. */
  default boolean claims(WitInterface iface) {
    return true;
  }

  /** Whether the plugin can serve several named entries ({@code name:}) of one package. */
  default boolean supportsNamedInstances() {
    return false;
  }

  /** Starts the plugin; a failure fails the host's start. */
  default void start(PluginContext context) throws Exception {}

  /** Called once per workload with every interface of it bound to this plugin. */
  default void onWorkloadBind(WorkloadInfo workload, Set<WitInterface> interfaces)
      throws Exception {}

  /**
   * Called per component or service that uses the plugin: register the host functions here with
   * {@link WorkloadItem#bindings()}.
   */
  default void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces)
      throws Exception {}

  /** Called per bound item once the whole workload is linked: the item's exports may be called. */
  default void onWorkloadResolved(ResolvedWorkload workload, String itemName) throws Exception {}

  /**
   * Called with new values for a running item's config (a ConfigMap edit) without a restart; the
   * item's {@link WorkloadItem#config()} and interface configs already show them.
   */
  default void onWorkloadConfigUpdate(WorkloadItem item, Set<WitInterface> interfaces)
      throws Exception {}

  /**
   * Releases what the plugin holds for {@code workloadId}; may be called several times for one
   * workload (once per bound item, and after a failed bind): make it idempotent.
   */
  default void onWorkloadUnbind(String workloadId, Set<WitInterface> interfaces) throws Exception {}

  /** Stops the plugin; the host waits at most {@link #stopTimeout()}. */
  default void stop() throws Exception {}

  /** How long {@link #stop()} may take (wasmCloud: 5 s). */
  default Duration stopTimeout() {
    return Duration.ofSeconds(5);
  }
}
