package virga.plugins.config;

import java.util.HashMap;
import java.util.Map;
import virga.plugin.HostBindings;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;

/** A component whose config and environment the test edits, as a ConfigMap edit would. */
final class TestItem implements WorkloadItem {
  private final String workloadId;
  private final String name;
  final Map<String, String> config = new HashMap<>();
  final Map<String, String> environment = new HashMap<>();
  final RecordingBindings bindings = new RecordingBindings();
  private final HostBindings target;

  TestItem(String workloadId, String name) {
    this(workloadId, name, null);
  }

  /** An item whose plugins register on {@code target} (the recording fake when null). */
  TestItem(String workloadId, String name, HostBindings target) {
    this.workloadId = workloadId;
    this.name = name;
    this.target = target == null ? bindings : target;
  }

  ConfigStore store() {
    return (ConfigStore) bindings.implementations.get(WasiConfigPlugin.STORE);
  }

  @Override
  public String workloadId() {
    return workloadId;
  }

  @Override
  public String workloadName() {
    return "shop";
  }

  @Override
  public String workloadNamespace() {
    return "default";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Kind kind() {
    return Kind.COMPONENT;
  }

  @Override
  public WitWorld world() {
    return WitWorld.serving(WasiConfigPlugin.STORE);
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
  public HostBindings bindings() {
    return target;
  }
}
