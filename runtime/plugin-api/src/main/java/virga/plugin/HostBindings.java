package virga.plugin;

/**
 * Where a plugin registers the host functions of one item: typed Java objects whose methods mirror
 * the functions of a WIT interface, checked against the WIT at registration.
 */
public interface HostBindings {
  /**
   * Serves WIT interface {@code iface} ({@code ns:pkg/iface@version}, declared in the plugin's
   * {@link HostPlugin#wit()}) with {@code implementation}: one public method per WIT function,
   * named in lowerCamelCase ({@code get-all} → {@code getAll}), with Java types for the WIT types.
   *
   * @throws IllegalArgumentException naming each function that is missing or whose Java signature
   *     does not match the WIT
   */
  void implement(String iface, Object implementation);
}
