package virga.host.cluster;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import virga.plugin.HostPlugin;
import virga.wasi.Wasi;

/**
 * What a heartbeat says the host offers: the union of its plugins' worlds, plus {@code wasi:http}
 * (wasmCloud leaves it out though its ingress serves it): {@code outgoing-handler} among the
 * imports, which the host serves to guests, and {@code incoming-handler} among the exports, which
 * it calls. One entry per package and version, interfaces sorted, so heartbeats compare equal.
 */
record AdvertisedWorld(
    List<virga.protocol.v2.WitInterface> imports, List<virga.protocol.v2.WitInterface> exports) {

  static final String WASI_HTTP = "wasi:http";

  static AdvertisedWorld of(Collection<HostPlugin> plugins) {
    Map<String, TreeSet<String>> imports = new TreeMap<>();
    Map<String, TreeSet<String>> exports = new TreeMap<>();
    for (HostPlugin p : plugins) {
      p.world().imports().forEach(i -> add(imports, i));
      p.world().exports().forEach(e -> add(exports, e));
    }
    add(imports, virga.plugin.WitInterface.parse(httpName("outgoing-handler")));
    add(exports, virga.plugin.WitInterface.parse(httpName("incoming-handler")));
    return new AdvertisedWorld(proto(imports), proto(exports));
  }

  private static String httpName(String iface) {
    return WASI_HTTP + "/" + iface + "@" + Wasi.VERSION;
  }

  private static void add(Map<String, TreeSet<String>> into, virga.plugin.WitInterface i) {
    String key =
        i.namespace() + ":" + i.packageName() + "@" + (i.version() == null ? "" : i.version());
    into.computeIfAbsent(key, k -> new TreeSet<>()).addAll(i.interfaces());
  }

  private static List<virga.protocol.v2.WitInterface> proto(Map<String, TreeSet<String>> entries) {
    return entries.entrySet().stream()
        .map(
            e -> {
              String key = e.getKey();
              int colon = key.indexOf(':');
              int at = key.lastIndexOf('@');
              return virga.protocol.v2.WitInterface.newBuilder()
                  .setNamespace(key.substring(0, colon))
                  .setPackage(key.substring(colon + 1, at))
                  .setVersion(key.substring(at + 1))
                  .addAllInterfaces(e.getValue())
                  .build();
            })
        .toList();
  }
}
