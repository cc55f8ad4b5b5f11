package virga.operator.scheduling;

import java.util.List;
import java.util.Objects;
import virga.protocol.v2.WitInterface;

/**
 * Interfaces of one WIT package, without configuration: what a host advertises in its heartbeat or
 * what a workload's {@code hostInterfaces} entry asks for.
 *
 * @param namespace e.g. {@code wasi}
 * @param pkg e.g. {@code keyvalue}
 * @param version semver, or empty for "any version"
 * @param interfaces interface names, e.g. {@code [store, atomics]}
 * @param name the {@code (implements <name>)} routing id, or empty
 */
public record WitRef(
    String namespace, String pkg, String version, List<String> interfaces, String name) {

  /** Normalises nulls to empty and checks the package is named. */
  public WitRef {
    namespace = Objects.requireNonNullElse(namespace, "");
    pkg = Objects.requireNonNullElse(pkg, "");
    version = Objects.requireNonNullElse(version, "").trim();
    interfaces = List.copyOf(Objects.requireNonNullElse(interfaces, List.of()));
    name = Objects.requireNonNullElse(name, "");
    if (namespace.isBlank() || pkg.isBlank()) {
      throw new IllegalArgumentException(
          "a WIT reference needs a namespace and a package, got '" + namespace + ":" + pkg + "'");
    }
  }

  /** The advertised or requested form of a protocol message. */
  public static WitRef of(WitInterface wit) {
    return new WitRef(
        wit.getNamespace(),
        wit.getPackage(),
        wit.getVersion(),
        wit.getInterfacesList(),
        wit.getName());
  }

  /**
   * Parses wasmCloud's string form {@code ns:pkg/a,b@version} (interfaces and version optional).
   */
  public static WitRef parse(String spec) {
    int colon = spec.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "expected ns:pkg[/iface,..][@version], got '" + spec + "'");
    }
    int at = spec.indexOf('@');
    String body = at < 0 ? spec : spec.substring(0, at);
    String version = at < 0 ? "" : spec.substring(at + 1);
    int slash = body.indexOf('/');
    String pkg = slash < 0 ? body.substring(colon + 1) : body.substring(colon + 1, slash);
    List<String> ifaces = slash < 0 ? List.of() : List.of(body.substring(slash + 1).split(","));
    return new WitRef(spec.substring(0, colon), pkg, version, ifaces, "");
  }

  /** {@code ns:pkg}. */
  public String packageName() {
    return namespace + ":" + pkg;
  }

  /** Whether both name the same {@code ns:pkg}. */
  public boolean samePackage(WitRef other) {
    return namespace.equals(other.namespace) && pkg.equals(other.pkg);
  }

  /** {@code ns:pkg/a,b@version}, the form wasmCloud logs. */
  @Override
  public String toString() {
    return packageName()
        + (interfaces.isEmpty() ? "" : "/" + String.join(",", interfaces))
        + (version.isEmpty() ? "" : "@" + version);
  }
}
