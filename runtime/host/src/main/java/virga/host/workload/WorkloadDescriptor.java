package virga.host.workload;

import java.util.List;
import java.util.Map;
import virga.plugin.WitInterface;
import virga.plugin.WorkloadInfo;

/**
 * A workload as plugins see it while it binds: identity, annotations, its host interfaces (replaced
 * by a config update) and its items, the components then the service.
 */
final class WorkloadDescriptor implements WorkloadInfo {
  private final String id;
  private final String name;
  private final String namespace;
  private final Map<String, String> annotations;
  private volatile List<WitInterface> hostInterfaces;
  private final List<ItemDescriptor> items;

  WorkloadDescriptor(
      String id,
      String name,
      String namespace,
      Map<String, String> annotations,
      List<WitInterface> hostInterfaces,
      List<ItemDescriptor> items) {
    this.id = id;
    this.name = name;
    this.namespace = namespace;
    this.annotations = Map.copyOf(annotations);
    this.hostInterfaces = List.copyOf(hostInterfaces);
    this.items = List.copyOf(items);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Map<String, String> annotations() {
    return annotations;
  }

  @Override
  public List<WitInterface> hostInterfaces() {
    return hostInterfaces;
  }

  void replaceHostInterfaces(List<WitInterface> next) {
    hostInterfaces = List.copyOf(next);
  }

  @Override
  public List<ItemDescriptor> items() {
    return items;
  }

  /** The item called {@code itemName}, or null. */
  ItemDescriptor item(String itemName) {
    for (ItemDescriptor i : items) {
      if (i.name().equals(itemName)) {
        return i;
      }
    }
    return null;
  }
}
