package virga.plugin.testing;

import java.util.List;
import java.util.Map;
import virga.plugin.WitInterface;
import virga.plugin.WorkloadInfo;

/**
 * A workload for plugin unit tests, named {@code shop} in namespace {@code default}.
 *
 * @param id the workload id
 * @param hostInterfaces its hostInterfaces entries, with their config
 * @param items its components and service
 */
public record TestWorkload(String id, List<WitInterface> hostInterfaces, List<TestItem> items)
    implements WorkloadInfo {
  public TestWorkload {
    hostInterfaces = List.copyOf(hostInterfaces);
    items = List.copyOf(items);
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
}
