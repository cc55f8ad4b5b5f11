package virga.host.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import virga.plugin.WitInterface;

/** Conversions from the protocol's messages to the plugin API's types. */
final class WorkloadItems {
  private WorkloadItems() {}

  /** A protocol {@code WitInterface} entry as the plugin API's {@link WitInterface}. */
  static WitInterface toPlugin(virga.protocol.v2.WitInterface w) {
    return new WitInterface(
        w.getNamespace(),
        w.getPackage(),
        new java.util.LinkedHashSet<>(w.getInterfacesList()),
        w.getVersion(),
        w.getName(),
        Map.copyOf(w.getConfigMap()));
  }

  /** Every entry of {@code entries}, converted. */
  static List<WitInterface> toPlugin(List<virga.protocol.v2.WitInterface> entries) {
    List<WitInterface> out = new ArrayList<>();
    for (virga.protocol.v2.WitInterface w : entries) {
      out.add(toPlugin(w));
    }
    return List.copyOf(out);
  }
}
