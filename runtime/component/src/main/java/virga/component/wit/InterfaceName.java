package virga.component.wit;

/**
 * An interface name as components spell imports and exports: {@code ns:pkg/iface@version}.
 *
 * @param namespace the package namespace ({@code wasi})
 * @param pkg the package name ({@code cli})
 * @param iface the interface name ({@code environment})
 * @param version the package version, or null
 */
public record InterfaceName(String namespace, String pkg, String iface, String version) {

  /** Parses {@code ns:pkg/iface[@version]}; null when {@code name} is a plain name. */
  public static InterfaceName parse(String name) {
    int colon = name.indexOf(':');
    int slash = name.indexOf('/');
    if (colon <= 0 || slash < colon) {
      return null;
    }
    int at = name.indexOf('@', slash);
    String iface = at < 0 ? name.substring(slash + 1) : name.substring(slash + 1, at);
    String version = at < 0 ? null : name.substring(at + 1);
    return new InterfaceName(
        name.substring(0, colon), name.substring(colon + 1, slash), iface, version);
  }

  /** The package as WIT refers to it: {@code ns:pkg[@version]}. */
  public String packageRef() {
    return namespace + ":" + pkg + (version == null ? "" : "@" + version);
  }
}
