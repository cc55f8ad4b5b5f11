package virga.crds.v1alpha1;

/** Validation patterns and CEL rules of the schema, with wasmCloud's exact text. */
public final class Validation {

  /** Pattern of one localResources.allowedHosts entry. */
  public static final String ALLOWED_HOST =
      "^\\*$|^([A-Za-z][A-Za-z0-9+.-]*://)(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:[0-9]{1,5})?/?$|^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:[0-9]{1,5})?$";

  /** Pattern of one localResources.allowedIpNameLookups entry. */
  public static final String ALLOWED_IP_NAME_LOOKUP =
      "^\\*$|^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^[0-9A-Fa-f:.]+$";

  /** Pattern of one localResources.allowedHostLoopbackPorts entry. */
  public static final String ALLOWED_HOST_LOOPBACK_PORT = "^[0-9]{1,5}(/(tcp|udp|TCP|UDP))?$";

  /** Pattern of hostInterfaces[].name. */
  public static final String HOST_INTERFACE_NAME = "^[a-z0-9][a-z0-9-]*$";

  /** CEL rule: no two hostInterfaces share namespace, package, name and version. */
  public static final String UNIQUE_HOST_INTERFACES_RULE =
      "self.all(x, self.exists_one(y, y.__namespace__ == x.__namespace__ && y.__package__ == x.__package__ && (has(y.name) ? y.name : '') == (has(x.name) ? x.name : '') && (has(y.version) ? y.version : '') == (has(x.version) ? x.version : '')))";

  /** Message of {@link #UNIQUE_HOST_INTERFACES_RULE}. */
  public static final String UNIQUE_HOST_INTERFACES_MESSAGE =
      "hostInterfaces must not contain duplicate entries with the same namespace, package, name, and version";

  /** CEL rule: at most one unnamed hostInterface per namespace:package. */
  public static final String ONE_UNNAMED_HOST_INTERFACE_RULE =
      "self.all(x, (has(x.name) && x.name != '') || self.filter(y, y.__namespace__ == x.__namespace__ && y.__package__ == x.__package__ && !(has(y.name) && y.name != '')).size() == 1)";

  /** Message of {@link #ONE_UNNAMED_HOST_INTERFACE_RULE}. */
  public static final String ONE_UNNAMED_HOST_INTERFACE_MESSAGE =
      "at most one unnamed hostInterface is allowed per namespace:package; set a unique name to disambiguate multiple imports of the same package";

  private Validation() {}
}
