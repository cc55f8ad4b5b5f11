package virga.host.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import virga.host.plugin.BoundPlugins;
import virga.host.plugin.PluginException;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Workload;

/**
 * Applies a new Workload message's config to a running workload: each item's {@code
 * localResources.config} and {@code environment}, and the host interfaces (their config), replaced
 * atomically; then each item's plugins are told.
 */
final class ConfigUpdate {
  private ConfigUpdate() {}

  static void apply(RunningWorkload running, Workload next) {
    WorkloadDescriptor d = running.descriptor();
    Map<String, LocalResources> byItem = new LinkedHashMap<>();
    List<virga.protocol.v2.Component> components = next.getWitWorld().getComponentsList();
    for (int i = 0; i < components.size(); i++) {
      virga.protocol.v2.Component c = components.get(i);
      byItem.put(ItemSpec.componentName(c, i), c.getLocalResources());
    }
    if (next.hasService()) {
      byItem.put(ItemSpec.SERVICE, next.getService().getLocalResources());
    }
    for (String name : byItem.keySet()) {
      if (d.item(name) == null) {
        throw new WorkloadException(
            "workload '"
                + d.name()
                + "' has no item '"
                + name
                + "': a config update cannot add items (start the workload anew)");
      }
    }
    // check everything before changing anything: an update applies whole or not at all
    d.replaceHostInterfaces(WorkloadItems.toPlugin(next.getWitWorld().getHostInterfacesList()));
    for (ItemDescriptor item : d.items()) {
      LocalResources r = byItem.get(item.name());
      if (r != null) {
        item.replace(r.getConfigMap(), r.getEnvironmentMap());
      }
    }
    BoundPlugins plugins = running.plugins();
    WorkloadException failed = null;
    for (ItemDescriptor item : d.items()) {
      if (byItem.containsKey(item.name())) {
        try {
          plugins.configUpdated(item); // every item's plugins hear of it, even after a failure
        } catch (PluginException e) {
          if (failed == null) {
            failed = new WorkloadException(e.getMessage(), e);
          } else {
            failed.addSuppressed(e);
          }
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }
}
