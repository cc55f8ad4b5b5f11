package virga.host.plugin;

import java.util.Map;
import virga.plugin.HostBindings;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;

/** A workload item with a fixed world. */
record FakeItem(String workloadId, String name, Kind kind, WitWorld world) implements WorkloadItem {
  static FakeItem component(String name, WitWorld world) {
    return new FakeItem("w-1", name, Kind.COMPONENT, world);
  }

  static FakeItem service(WitWorld world) {
    return new FakeItem("w-1", "service", Kind.SERVICE, world);
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
  public Map<String, String> config() {
    return Map.of();
  }

  @Override
  public Map<String, String> environment() {
    return Map.of();
  }

  @Override
  public HostBindings bindings() {
    return (iface, impl) -> {};
  }
}
