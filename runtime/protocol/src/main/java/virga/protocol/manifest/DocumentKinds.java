package virga.protocol.manifest;

import java.util.List;
import java.util.Map;

/**
 * Sorts documents by kind: the kinds a standalone manifest runs, the Kubernetes kinds it skips with
 * a warning (they come along in manifests written for a cluster), and everything else, refused.
 */
final class DocumentKinds {
  /** Kinds that make workloads. */
  static final List<String> WORKLOADS =
      List.of("WorkloadDeployment", "WorkloadReplicaSet", "Workload");

  /** Kinds a config directory may hold. */
  static final List<String> CONFIG = List.of("ConfigMap", "Secret");

  /** Why each skipped kind does not matter on one standalone host. */
  private static final Map<String, String> IGNORED =
      Map.of(
          "Namespace", "namespaces need not exist on the standalone host",
          "Service",
              "the standalone host has no Kubernetes Services; spec.kubernetes.service still adds"
                  + " its DNS names to host-aliases",
          "HorizontalPodAutoscaler", "the standalone host runs spec.replicas and does not scale");

  private static final String SUPPORTED =
      "use WorkloadDeployment, WorkloadReplicaSet, Workload or Artifact (apiVersion "
          + ManifestSchemas.WASMCLOUD
          + "), or ConfigMap or Secret (apiVersion "
          + ManifestSchemas.CORE
          + ")";

  private DocumentKinds() {}

  /** What to do with one document. */
  sealed interface Verdict {}

  /** Validate and use it. */
  record Use(ManifestSchemas.Kind kind) implements Verdict {}

  /** Skip it, with this warning. */
  record Skip(String warning) implements Verdict {}

  /** Refuse it, with this problem. */
  record Refuse(String problem) implements Verdict {}

  /** The verdict on {@code doc}. */
  static Verdict of(ManifestDocument doc) {
    String kind = doc.kind();
    if (kind == null || kind.isEmpty()) {
      return new Refuse(
          doc.at("")
              + ": the document has no kind: add kind and apiVersion, e.g. kind: WorkloadDeployment"
              + " and apiVersion: "
              + ManifestSchemas.WASMCLOUD);
    }
    if (IGNORED.containsKey(kind)) {
      return new Skip(doc.at("") + ": " + doc.describe() + " ignored: " + IGNORED.get(kind));
    }
    var known = ManifestSchemas.kind(kind);
    if (known.isEmpty()) {
      return new Refuse(
          doc.at("/kind")
              + ": kind "
              + kind
              + (doc.apiVersion() == null ? "" : " (apiVersion " + doc.apiVersion() + ")")
              + " is not supported by the standalone host: "
              + SUPPORTED);
    }
    String apiVersion = known.get().apiVersion();
    if (doc.apiVersion() == null || doc.apiVersion().isEmpty()) {
      return new Refuse(doc.prefix("") + "apiVersion is missing: add apiVersion: " + apiVersion);
    }
    if (!apiVersion.equals(doc.apiVersion())) {
      return new Refuse(
          doc.prefix("/apiVersion")
              + "apiVersion "
              + doc.apiVersion()
              + " is not served for kind "
              + kind
              + ": use apiVersion: "
              + apiVersion);
    }
    return new Use(known.get());
  }
}
