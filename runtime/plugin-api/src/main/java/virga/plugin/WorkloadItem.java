package virga.plugin;

import java.util.Map;

/** One component or the service of a workload, as a plugin binding to it sees it. */
public interface WorkloadItem {
  /** Component or service. */
  enum Kind {
    COMPONENT,
    SERVICE
  }

  /** The workload's id. */
  String workloadId();

  /** The workload's name. */
  String workloadName();

  /** The workload's namespace. */
  String workloadNamespace();

  /** The item's name: the component's manifest name, or {@code service}. */
  String name();

  /** Component or service. */
  Kind kind();

  /** The item's imports and exports. */
  WitWorld world();

  /** {@code localResources.config}; a live view that a config update replaces. */
  Map<String, String> config();

  /** {@code localResources.environment} (materialised); a live view like {@link #config()}. */
  Map<String, String> environment();

  /** Where the plugin registers its host functions for this item. */
  HostBindings bindings();
}
