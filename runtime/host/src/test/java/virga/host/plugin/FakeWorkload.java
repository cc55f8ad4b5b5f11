package virga.host.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import virga.component.values.Value;
import virga.plugin.ResolvedWorkload;
import virga.plugin.WitInterface;
import virga.plugin.WorkloadItem;

/** Workload {@code shop} (id {@code w-1}); its host interfaces may be replaced (a config edit). */
final class FakeWorkload implements ResolvedWorkload {
  private volatile List<WitInterface> hostInterfaces;
  private final List<FakeItem> items;

  FakeWorkload(List<WitInterface> hostInterfaces, FakeItem... items) {
    this.hostInterfaces = List.copyOf(hostInterfaces);
    this.items = List.of(items);
  }

  void replaceHostInterfaces(List<WitInterface> now) {
    this.hostInterfaces = new ArrayList<>(now);
  }

  @Override
  public String id() {
    return "w-1";
  }

  @Override
  public String name() {
    return "shop";
  }

  @Override
  public String namespace() {
    return "default";
  }

  @Override
  public Map<String, String> annotations() {
    return Map.of();
  }

  @Override
  public List<WitInterface> hostInterfaces() {
    return hostInterfaces;
  }

  @Override
  public List<? extends WorkloadItem> items() {
    return items;
  }

  @Override
  public Value call(String itemName, String function, Value... args) {
    throw new UnsupportedOperationException("not in these tests");
  }
}
