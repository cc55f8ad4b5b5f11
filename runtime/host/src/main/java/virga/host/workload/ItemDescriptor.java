package virga.host.workload;

import java.util.Map;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;
import virga.plugin.bind.TypedBindings;

/**
 * One component or the service of a workload as plugins see it: identity, world, the live config
 * and environment maps (a config update replaces them), and where plugins register host functions.
 */
final class ItemDescriptor implements WorkloadItem {
  private final String workloadId;
  private final String workloadName;
  private final String workloadNamespace;
  private final String name;
  private final Kind kind;
  private final WitWorld world;
  private final LiveMap config;
  private final LiveMap environment;
  private final TypedBindings bindings;

  ItemDescriptor(
      String workloadId,
      String workloadName,
      String workloadNamespace,
      String name,
      Kind kind,
      WitWorld world,
      Map<String, String> config,
      Map<String, String> environment,
      TypedBindings bindings) {
    this.workloadId = workloadId;
    this.workloadName = workloadName;
    this.workloadNamespace = workloadNamespace;
    this.name = name;
    this.kind = kind;
    this.world = world;
    this.config = new LiveMap(config);
    this.environment = new LiveMap(environment);
    this.bindings = bindings;
  }

  @Override
  public String workloadId() {
    return workloadId;
  }

  @Override
  public String workloadName() {
    return workloadName;
  }

  @Override
  public String workloadNamespace() {
    return workloadNamespace;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public WitWorld world() {
    return world;
  }

  @Override
  public Map<String, String> config() {
    return config;
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public TypedBindings bindings() {
    return bindings;
  }

  /** Replaces the config and environment (a ConfigMap edit); new instances see the new values. */
  void replace(Map<String, String> newConfig, Map<String, String> newEnvironment) {
    config.replace(newConfig);
    environment.replace(newEnvironment);
  }

  /** "component 'x'" or "service 'x'", for messages. */
  String label() {
    return LinkPlan.Node.label(name, kind == Kind.SERVICE);
  }

  @Override
  public String toString() {
    return label() + " of workload " + workloadName;
  }
}
