package virga.host.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import virga.component.Component;
import virga.component.binary.ExternName;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;

/** The WIT world of a compiled component, as plugins and linking see it: interfaces by package. */
public final class ComponentWorlds {
  private ComponentWorlds() {}

  /** The component's imported and exported interfaces, grouped by {@code ns:pkg@version}. */
  public static WitWorld of(Component component) {
    return new WitWorld(group(component.imports().keySet()), group(component.exports().keySet()));
  }

  /** The interface names among {@code names} ({@code ns:pkg/iface@version}), in order. */
  public static List<String> interfaceNames(Iterable<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (new ExternName(n).kind() == ExternName.Kind.INTERFACE) {
        out.add(n);
      }
    }
    return out;
  }

  static Set<WitInterface> group(Iterable<String> names) {
    Map<String, WitInterface> byPackage = new LinkedHashMap<>();
    for (String n : interfaceNames(names)) {
      WitInterface one = WitInterface.parse(n);
      String key = one.namespace() + ":" + one.packageName() + "@" + one.version();
      WitInterface prev = byPackage.get(key);
      if (prev == null) {
        byPackage.put(key, one);
      } else {
        Set<String> ifaces = new LinkedHashSet<>(prev.interfaces());
        ifaces.addAll(one.interfaces());
        byPackage.put(
            key,
            new WitInterface(
                prev.namespace(), prev.packageName(), ifaces, prev.version(), null, Map.of()));
      }
    }
    return new LinkedHashSet<>(byPackage.values());
  }
}
