package virga.e2e;

import java.util.List;

/** The chart's value keys the tests set (charts/virga/values.yaml). */
final class E2EValues {
  private E2EValues() {}

  /** NATS without TLS: the local nats-server has none. */
  static final String NO_TLS = "global.tls.enabled=false";

  /** Hosts may pull from plain-HTTP registries (the test's registry on 127.0.0.1). */
  static final String INSECURE_REGISTRIES = "runtime.hostGroups[0].allowInsecureRegistries=true";

  /** The namespaces a scoped install watches. */
  static final String WATCH_NAMESPACES = "operator.watchNamespaces";

  /**
   * One host group, {@code default}, of {@code replicas} pods. Helm replaces a list whole, so the
   * group's name is set too; the chart fills in the rest of the group from its defaults.
   */
  static List<String> hostGroup(int replicas) {
    return List.of(
        "runtime.hostGroups[0].name=default", "runtime.hostGroups[0].replicas=" + replicas);
  }
}
