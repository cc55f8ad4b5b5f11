package virga.host.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import virga.plugin.HostPlugin;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadInfo;
import virga.plugin.WorkloadItem;

/**
 * Binds a workload's items to the host's plugins with wasmCloud's algorithm ({@code bind_plugins}):
 * the workload's host interfaces (minus {@code wasi:http}, which the host serves itself) that an
 * item's world includes are offered to the plugins in id order; the first plugin that serves and
 * claims an entry takes it for that item. An entry named after a plugin id goes only to that
 * plugin; a named entry prefers plugins with named instances, an unnamed one avoids them when
 * another plugin serves it. An entry left over fails the bind with its name, and every plugin bound
 * so far is unbound in reverse order.
 *
 * <p>Versions match as {@link WitInterface#samePackage} says: what wasmCloud accepts (equal, or
 * either side without a version, or a version that is not semver) plus semver-compatible releases.
 */
public final class PluginBinder {
  /** Served by the host's HTTP ingress, never by a plugin. */
  private static final WitInterface HTTP =
      WitInterface.parse("wasi:http/incoming-handler,outgoing-handler,handler");

  private final List<HostPlugin> plugins;
  private final Set<String> ids;
  private final PluginErrors errors;

  /** A binder over {@code plugins} (any order; binding goes in id order). */
  public PluginBinder(Collection<? extends HostPlugin> plugins, PluginErrors errors) {
    this.plugins =
        plugins.stream()
            .<HostPlugin>map(p -> p)
            .sorted(Comparator.comparing(HostPlugin::id))
            .toList();
    this.ids = plugins.stream().map(HostPlugin::id).collect(Collectors.toUnmodifiableSet());
    this.errors = errors;
  }

  /** A binder over the registry's plugins, sharing its error count. */
  public PluginBinder(PluginRegistry registry) {
    this(registry.plugins(), registry.errors());
  }

  /**
   * Binds {@code workload}'s items: per matched plugin {@link HostPlugin#onWorkloadBind} once, then
   * {@link HostPlugin#onWorkloadItemBind} per item.
   *
   * @throws PluginException when an item needs an interface no plugin serves, when a plugin without
   *     named instances gets several named entries of one package, or when a plugin's bind fails;
   *     the plugins bound before have been unbound (reverse order) by then
   */
  public BoundPlugins bind(WorkloadInfo workload) {
    List<WitInterface> hostInterfaces =
        workload.hostInterfaces().stream().filter(e -> !HTTP.contains(e)).toList();
    List<Pending> pending = new ArrayList<>();
    List<? extends WorkloadItem> items = workload.items();
    for (WorkloadItem item : items) {
      LinkedHashSet<WitInterface> required = new LinkedHashSet<>();
      for (WitInterface entry : hostInterfaces) {
        if (item.world().includesBidirectional(entry) && !servedInWorkload(item, entry, items)) {
          required.add(entry);
        }
      }
      pending.add(new Pending(item, required));
    }

    BoundPlugins bound = new BoundPlugins(workload, errors);
    try {
      for (HostPlugin plugin : plugins) {
        bindPlugin(plugin, workload, pending, bound);
      }
      for (Pending p : pending) {
        if (!p.unmatched().isEmpty()) {
          throw new PluginException(unmatchedMessage(workload, p));
        }
      }
    } catch (RuntimeException | Error e) {
      bound.rollback();
      throw e;
    }
    return bound;
  }

  private void bindPlugin(
      HostPlugin plugin, WorkloadInfo workload, List<Pending> pending, BoundPlugins bound) {
    Map<Pending, Set<WitInterface>> matches = new LinkedHashMap<>();
    for (Pending p : pending) {
      Set<WitInterface> matched = new LinkedHashSet<>();
      for (WitInterface entry : p.unmatched()) {
        if (routes(plugin, entry)) {
          matched.add(entry);
        }
      }
      if (!matched.isEmpty()) {
        matches.put(p, matched);
      }
    }
    if (matches.isEmpty()) {
      return;
    }
    Set<WitInterface> all = new LinkedHashSet<>();
    matches.values().forEach(all::addAll);
    checkNamedInstances(plugin, workload, all);

    try {
      plugin.onWorkloadBind(workload, Set.copyOf(all));
    } catch (Exception | LinkageError e) {
      throw new PluginException(
          "plugin '" + plugin.id() + "' failed to bind workload '" + workload.name() + "': " + e,
          e);
    }
    bound.addPlugin(plugin, all);
    for (Map.Entry<Pending, Set<WitInterface>> m : matches.entrySet()) {
      WorkloadItem item = m.getKey().item();
      try {
        plugin.onWorkloadItemBind(item, Set.copyOf(m.getValue()));
      } catch (Exception | LinkageError e) {
        throw new PluginException(
            "plugin '"
                + plugin.id()
                + "' failed to bind "
                + describe(item)
                + " of workload '"
                + workload.name()
                + "': "
                + e,
            e);
      }
      bound.addItem(plugin, item, m.getValue());
      m.getKey().unmatched().removeAll(m.getValue());
    }
  }

  /** Whether {@code plugin} takes {@code entry} (see the class comment). */
  private boolean routes(HostPlugin plugin, WitInterface entry) {
    if (entry.name() != null && ids.contains(entry.name())) {
      return plugin.id().equals(entry.name()) && serves(plugin, entry);
    }
    if (!serves(plugin, entry)) {
      return false;
    }
    if (entry.name() != null) {
      return plugin.supportsNamedInstances() || !otherServes(plugin, entry, true);
    }
    return !plugin.supportsNamedInstances() || !otherServes(plugin, entry, false);
  }

  private static boolean serves(HostPlugin plugin, WitInterface entry) {
    return plugin.world().includesBidirectional(entry) && plugin.claims(entry);
  }

  private boolean otherServes(HostPlugin self, WitInterface entry, boolean named) {
    return plugins.stream()
        .anyMatch(q -> q != self && q.supportsNamedInstances() == named && serves(q, entry));
  }

  private static void checkNamedInstances(
      HostPlugin plugin, WorkloadInfo workload, Set<WitInterface> matched) {
    if (plugin.supportsNamedInstances()) {
      return;
    }
    Map<String, Set<String>> namesByPackage = new TreeMap<>();
    for (WitInterface i : matched) {
      if (i.name() != null) {
        namesByPackage
            .computeIfAbsent(i.namespace() + ":" + i.packageName(), k -> new TreeSet<>())
            .add(i.name());
      }
    }
    for (Map.Entry<String, Set<String>> e : namesByPackage.entrySet()) {
      if (e.getValue().size() > 1) {
        throw new PluginException(
            "plugin '"
                + plugin.id()
                + "' does not support named instances, but workload '"
                + workload.name()
                + "' has "
                + e.getValue().size()
                + " named entries of "
                + e.getKey()
                + " (names: "
                + String.join(", ", e.getValue())
                + "): register a plugin that supports named instances, or keep one entry");
      }
    }
  }

  /**
   * An entry an item imports that exactly one other item exports is linked inside the workload (and
   * for that exporter, when another item imports it), not served by a plugin.
   */
  private static boolean servedInWorkload(
      WorkloadItem item, WitInterface entry, List<? extends WorkloadItem> items) {
    WitInterface bare = entry.withName(null);
    List<WorkloadItem> exporters =
        items.stream()
            .<WorkloadItem>map(i -> i)
            .filter(i -> covers(i.world().exports(), bare))
            .toList();
    if (exporters.size() != 1) {
      return false;
    }
    WorkloadItem exporter = exporters.get(0);
    if (exporter != item) {
      return covers(item.world().imports(), bare);
    }
    return items.stream().anyMatch(i -> i != item && covers(i.world().imports(), bare));
  }

  private static boolean covers(Set<WitInterface> side, WitInterface bare) {
    return side.stream().anyMatch(i -> i.contains(bare));
  }

  private String unmatchedMessage(WorkloadInfo workload, Pending p) {
    StringBuilder sb =
        new StringBuilder(describe(p.item()))
            .append(" of workload '")
            .append(workload.name())
            .append("' requests ")
            .append(
                p.unmatched().stream()
                    .map(WitInterface::toString)
                    .collect(Collectors.joining(", ")))
            .append(", which no plugin on this host serves (plugins: ")
            .append(plugins.isEmpty() ? "none" : String.join(", ", sortedIds()))
            .append(')');
    for (WitInterface entry : p.unmatched()) {
      sb.append(hint(entry));
    }
    return sb.toString();
  }

  /** What the user can change: a routing name, or a version no plugin has. */
  private String hint(WitInterface entry) {
    if (entry.name() != null && ids.contains(entry.name())) {
      return "; its name routes it to plugin '"
          + entry.name()
          + "' only, and that plugin does not take it";
    }
    StringBuilder sb = new StringBuilder();
    for (HostPlugin plugin : plugins) {
      WitWorld world = plugin.world();
      for (WitInterface served : union(world)) {
        if (served.namespace().equals(entry.namespace())
            && served.packageName().equals(entry.packageName())
            && served.interfaces().containsAll(entry.interfaces())
            && !served.samePackage(entry)) {
          sb.append("; plugin '")
              .append(plugin.id())
              .append("' serves ")
              .append(served)
              .append(": declare that version or none");
        }
      }
    }
    return sb.toString();
  }

  private static Set<WitInterface> union(WitWorld world) {
    Set<WitInterface> all = new LinkedHashSet<>(world.imports());
    all.addAll(world.exports());
    return all;
  }

  private List<String> sortedIds() {
    return plugins.stream().map(HostPlugin::id).toList();
  }

  static String describe(WorkloadItem item) {
    return (item.kind() == WorkloadItem.Kind.SERVICE ? "service '" : "component '")
        + item.name()
        + "'";
  }

  /** An item and the entries it still needs (identity matters: two items may be equal). */
  private static final class Pending {
    private final WorkloadItem item;
    private final LinkedHashSet<WitInterface> unmatched;

    Pending(WorkloadItem item, LinkedHashSet<WitInterface> unmatched) {
      this.item = item;
      this.unmatched = unmatched;
    }

    WorkloadItem item() {
      return item;
    }

    LinkedHashSet<WitInterface> unmatched() {
      return unmatched;
    }
  }
}
