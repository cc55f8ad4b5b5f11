package virga.plugin;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import virga.component.VersionMatching;

/**
 * Interfaces of one WIT package, as a workload's {@code hostInterfaces} entry or a plugin's world
 * names them: {@code namespace:package/iface1,iface2@version}, with an optional entry name and
 * config.
 *
 * <p>Matching follows wasmCloud ({@code wit.rs}): same namespace and package; when both sides carry
 * a version they must agree. wasmCloud demands equal versions; here a version that is
 * semver-compatible under the component-model rules also matches ({@code 0.2.0} and {@code
 * 0.2.0-rc.1} do not: pre-releases match only themselves), so {@code wasi:io@0.2.3} binds a plugin
 * serving {@code 0.2.12}. A version that is not semver (e.g. {@code 0.2}) acts as a wildcard, as in
 * wasmCloud.
 *
 * @param namespace e.g. {@code wasi}
 * @param packageName e.g. {@code config}
 * @param interfaces e.g. {@code [store]}; empty = the whole package
 * @param version e.g. {@code 0.2.0-rc.1}, or null
 * @param name the entry's name (named instances), or null
 * @param config the entry's config (empty for plugin worlds)
 */
public record WitInterface(
    String namespace,
    String packageName,
    Set<String> interfaces,
    String version,
    String name,
    Map<String, String> config) {

  public WitInterface {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(packageName, "packageName");
    interfaces = Set.copyOf(new LinkedHashSet<>(interfaces));
    version = version == null || version.isBlank() ? null : version;
    name = name == null || name.isBlank() ? null : name;
    config = Map.copyOf(config == null ? Map.of() : config);
  }

  /** Parses {@code ns:pkg/iface1,iface2@version} (interfaces and version optional). */
  public static WitInterface parse(String text) {
    String s = text.trim();
    String version = null;
    int at = s.indexOf('@');
    if (at >= 0) {
      version = s.substring(at + 1);
      s = s.substring(0, at);
    }
    Set<String> ifaces = new LinkedHashSet<>();
    int slash = s.indexOf('/');
    if (slash >= 0) {
      for (String i : s.substring(slash + 1).split(",")) {
        if (!i.isBlank()) {
          ifaces.add(i.trim());
        }
      }
      s = s.substring(0, slash);
    }
    int colon = s.indexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException(
          "not a WIT interface name (namespace:package/interface@version): " + text);
    }
    return new WitInterface(
        s.substring(0, colon), s.substring(colon + 1), ifaces, version, null, Map.of());
  }

  /** {@code ns:pkg/iface@version} for one interface of this package. */
  public String qualified(String iface) {
    return namespace + ":" + packageName + "/" + iface + (version == null ? "" : "@" + version);
  }

  /** Same namespace and package, with compatible versions (see the class comment). */
  public boolean samePackage(WitInterface other) {
    return namespace.equals(other.namespace)
        && packageName.equals(other.packageName)
        && versionsMatch(version, other.version);
  }

  /** Same package, same name when both are named, and every interface of {@code other} here. */
  public boolean contains(WitInterface other) {
    return samePackage(other)
        && (name == null || other.name == null || name.equals(other.name))
        && interfaces.containsAll(other.interfaces);
  }

  /** This entry without its config and name: what a plugin world or item world lists. */
  public WitInterface withoutConfig() {
    return new WitInterface(namespace, packageName, interfaces, version, null, Map.of());
  }

  /** A copy with {@code config}. */
  public WitInterface withConfig(Map<String, String> newConfig) {
    return new WitInterface(namespace, packageName, interfaces, version, name, newConfig);
  }

  /** A copy with entry name {@code newName}. */
  public WitInterface withName(String newName) {
    return new WitInterface(namespace, packageName, interfaces, version, newName, config);
  }

  static boolean versionsMatch(String a, String b) {
    if (a == null || b == null || !isSemver(a) || !isSemver(b)) {
      return true;
    }
    return a.equals(b) || VersionMatching.compatible(a, b) || VersionMatching.compatible(b, a);
  }

  private static boolean isSemver(String v) {
    return v.matches("\\d+\\.\\d+\\.\\d+([-+].*)?");
  }

  /** {@code ns:pkg/a,b@version}, with the name and config keys (never values) when set. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(namespace).append(':').append(packageName);
    if (!interfaces.isEmpty()) {
      sb.append('/').append(String.join(",", new TreeSet<>(interfaces)));
    }
    if (version != null) {
      sb.append('@').append(version);
    }
    if (name != null) {
      sb.append(" (name ").append(name).append(')');
    }
    return sb.toString();
  }
}
