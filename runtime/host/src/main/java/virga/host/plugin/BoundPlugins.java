package virga.host.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import virga.plugin.HostPlugin;
import virga.plugin.ResolvedWorkload;
import virga.plugin.WitInterface;
import virga.plugin.WorkloadInfo;
import virga.plugin.WorkloadItem;

/**
 * The plugins bound to one workload, by item: drives the rest of their lifecycle for it (resolved,
 * config updates, unbind). {@link #unbind()} is safe to call more than once.
 */
public final class BoundPlugins {
  private final WorkloadInfo workload;
  private final PluginErrors errors;

  /** In bind (plugin-id) order. */
  private final Map<HostPlugin, Set<WitInterface>> workloadInterfaces = new LinkedHashMap<>();

  /** Item name to the plugins bound to it, in bind order, with that item's interfaces. */
  private final Map<String, ItemBindings> items = new LinkedHashMap<>();

  private boolean unbound;

  private record ItemBindings(WorkloadItem item, Map<HostPlugin, Set<WitInterface>> plugins) {}

  BoundPlugins(WorkloadInfo workload, PluginErrors errors) {
    this.workload = workload;
    this.errors = errors;
  }

  synchronized void addPlugin(HostPlugin plugin, Set<WitInterface> interfaces) {
    workloadInterfaces.put(plugin, Set.copyOf(interfaces));
  }

  synchronized void addItem(HostPlugin plugin, WorkloadItem item, Set<WitInterface> interfaces) {
    items
        .computeIfAbsent(item.name(), n -> new ItemBindings(item, new LinkedHashMap<>()))
        .plugins()
        .put(plugin, Set.copyOf(interfaces));
  }

  /** The plugins bound to the workload, in id order. */
  public synchronized List<HostPlugin> plugins() {
    return List.copyOf(workloadInterfaces.keySet());
  }

  /** The plugins bound to item {@code itemName}, in id order (empty when none). */
  public synchronized List<HostPlugin> pluginsOf(String itemName) {
    ItemBindings b = items.get(itemName);
    return b == null ? List.of() : List.copyOf(b.plugins().keySet());
  }

  /** The interfaces of item {@code itemName} that plugin {@code pluginId} serves. */
  public synchronized Set<WitInterface> interfaces(String itemName, String pluginId) {
    ItemBindings b = items.get(itemName);
    if (b == null) {
      return Set.of();
    }
    return b.plugins().entrySet().stream()
        .filter(e -> e.getKey().id().equals(pluginId))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(Set.of());
  }

  /**
   * Tells every bound plugin, per item bound to it (items in workload order, plugins in id order),
   * that the workload is linked: {@link HostPlugin#onWorkloadResolved}.
   *
   * @throws PluginException at the first failure; the caller fails the start and calls {@link
   *     #unbind()}
   */
  public synchronized void resolved(ResolvedWorkload resolved) {
    for (ItemBindings b : items.values()) {
      for (HostPlugin plugin : b.plugins().keySet()) {
        try {
          plugin.onWorkloadResolved(resolved, b.item().name());
        } catch (Exception | LinkageError e) {
          throw new PluginException(
              "plugin '"
                  + plugin.id()
                  + "' failed on the resolved workload '"
                  + workload.name()
                  + "' ("
                  + PluginBinder.describe(b.item())
                  + "): "
                  + e,
              e);
        }
      }
    }
  }

  /**
   * Hands the plugins bound to {@code item} its new config ({@link
   * HostPlugin#onWorkloadConfigUpdate}) with the workload's current host-interface entries (their
   * configs are read again from {@link WorkloadInfo#hostInterfaces()}). Every plugin is called even
   * when one fails.
   *
   * @throws PluginException naming the plugins that failed
   */
  public synchronized void configUpdated(WorkloadItem item) {
    ItemBindings b = items.get(item.name());
    if (b == null || unbound) {
      return;
    }
    List<String> failed = new ArrayList<>();
    List<Throwable> causes = new ArrayList<>();
    for (Map.Entry<HostPlugin, Set<WitInterface>> e : b.plugins().entrySet()) {
      try {
        e.getKey().onWorkloadConfigUpdate(item, current(e.getValue()));
      } catch (Exception | LinkageError ex) {
        failed.add("'" + e.getKey().id() + "'");
        causes.add(ex);
      }
    }
    if (!causes.isEmpty()) {
      PluginException out =
          new PluginException(
              "plugin "
                  + String.join(", ", failed)
                  + " failed to update the config of "
                  + PluginBinder.describe(item)
                  + " of workload '"
                  + workload.name()
                  + "': "
                  + causes.get(0),
              causes.get(0));
      causes.stream().skip(1).forEach(out::addSuppressed);
      throw out;
    }
  }

  /**
   * Unbinds: per item (workload order), each plugin bound to it in reverse id order gets {@link
   * HostPlugin#onWorkloadUnbind} with that item's interfaces. Failures are logged and counted, and
   * the rest goes on. A second call does nothing.
   */
  public synchronized void unbind() {
    if (unbound) {
      return;
    }
    unbound = true;
    for (ItemBindings b : items.values()) {
      List<Map.Entry<HostPlugin, Set<WitInterface>>> reverse =
          new ArrayList<>(b.plugins().entrySet());
      Collections.reverse(reverse);
      for (Map.Entry<HostPlugin, Set<WitInterface>> e : reverse) {
        unbindOne(e.getKey(), e.getValue(), "unbind " + PluginBinder.describe(b.item()));
      }
    }
  }

  /** Whether {@link #unbind()} (or a failed bind) has run. */
  public synchronized boolean isUnbound() {
    return unbound;
  }

  /**
   * After a failed bind: each plugin bound so far, reverse id order, once, with all its entries.
   */
  synchronized void rollback() {
    if (unbound) {
      return;
    }
    unbound = true;
    List<Map.Entry<HostPlugin, Set<WitInterface>>> reverse =
        new ArrayList<>(workloadInterfaces.entrySet());
    Collections.reverse(reverse);
    for (Map.Entry<HostPlugin, Set<WitInterface>> e : reverse) {
      unbindOne(e.getKey(), e.getValue(), "unbind after a failed bind");
    }
  }

  private void unbindOne(HostPlugin plugin, Set<WitInterface> interfaces, String what) {
    try {
      plugin.onWorkloadUnbind(workload.id(), interfaces);
    } catch (Exception | LinkageError e) {
      errors.record(plugin.id(), "unbind", what + " of workload '" + workload.name() + "'", e);
    }
  }

  /** The bound entries as the workload declares them now (a config update changed their config). */
  private Set<WitInterface> current(Set<WitInterface> boundEntries) {
    Set<WitInterface> out = new LinkedHashSet<>();
    for (WitInterface entry : boundEntries) {
      WitInterface key = entry.withConfig(Map.of());
      Optional<WitInterface> now =
          workload.hostInterfaces().stream()
              .filter(h -> h.withConfig(Map.of()).equals(key))
              .findFirst();
      out.add(now.orElse(entry));
    }
    return Set.copyOf(out);
  }
}
