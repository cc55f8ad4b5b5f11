package virga.protocol.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The two CEL rules of {@code spec.hostInterfaces} (wasmCloud's {@code workload_types.go}),
 * evaluated in Java: a manifest is refused here exactly when the API server refuses it. A schema
 * with any other rule is a build error, caught by the tests that load every schema.
 */
final class HostInterfaceRules {
  /** No two entries share namespace, package, name and version. */
  static final String UNIQUE =
      "self.all(x, self.exists_one(y, y.__namespace__ == x.__namespace__ && y.__package__ =="
          + " x.__package__ && (has(y.name) ? y.name : '') == (has(x.name) ? x.name : '') &&"
          + " (has(y.version) ? y.version : '') == (has(x.version) ? x.version : '')))";

  /** At most one unnamed entry per namespace:package. */
  static final String ONE_UNNAMED =
      "self.all(x, (has(x.name) && x.name != '') || self.filter(y, y.__namespace__ =="
          + " x.__namespace__ && y.__package__ == x.__package__ && !(has(y.name) && y.name !="
          + " '')).size() == 1)";

  private HostInterfaceRules() {}

  /**
   * The problem of {@code value} under the CEL {@code rule} whose failure message is {@code
   * message}, or empty when the rule holds.
   *
   * @throws IllegalStateException for a rule not implemented here
   */
  static Optional<String> check(String rule, String message, JsonNode value) {
    if (UNIQUE.equals(rule)) {
      for (int i = 0; i < value.size(); i++) {
        for (int j = i + 1; j < value.size(); j++) {
          if (samePackage(value.get(i), value.get(j))
              && name(value.get(i)).equals(name(value.get(j)))
              && version(value.get(i)).equals(version(value.get(j)))) {
            return Optional.of(
                message
                    + ": entries "
                    + i
                    + " and "
                    + j
                    + " are both "
                    + describe(value.get(i))
                    + "; remove one or give each its own name");
          }
        }
      }
      return Optional.empty();
    }
    if (ONE_UNNAMED.equals(rule)) {
      for (int i = 0; i < value.size(); i++) {
        for (int j = i + 1; j < value.size(); j++) {
          if (name(value.get(i)).isEmpty()
              && name(value.get(j)).isEmpty()
              && samePackage(value.get(i), value.get(j))) {
            return Optional.of(
                message
                    + " (entries "
                    + i
                    + " and "
                    + j
                    + " are unnamed "
                    + field(value.get(i), "namespace")
                    + ":"
                    + field(value.get(i), "package")
                    + ")");
          }
        }
      }
      return Optional.empty();
    }
    throw new IllegalStateException("CEL rule not implemented by the manifest validator: " + rule);
  }

  private static boolean samePackage(JsonNode a, JsonNode b) {
    return field(a, "namespace").equals(field(b, "namespace"))
        && field(a, "package").equals(field(b, "package"));
  }

  private static String name(JsonNode hi) {
    return field(hi, "name");
  }

  private static String version(JsonNode hi) {
    return field(hi, "version");
  }

  private static String describe(JsonNode hi) {
    String v = version(hi);
    String n = name(hi);
    return field(hi, "namespace")
        + ":"
        + field(hi, "package")
        + (v.isEmpty() ? "" : "@" + v)
        + (n.isEmpty() ? "" : " named " + n);
  }

  private static String field(JsonNode hi, String name) {
    JsonNode n = hi.get(name);
    return n == null || n.isNull() ? "" : n.asText();
  }
}
