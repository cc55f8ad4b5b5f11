package virga.protocol.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated documents of a standalone manifest sorted by role (config, artifacts, workloads),
 * with each object defined once: a second definition of the same kind, namespace and name is a
 * problem, as {@code kubectl apply} would silently keep only the last one.
 */
final class ManifestIndex {
  final List<ManifestDocument> config = new ArrayList<>();
  final Map<String, ManifestDocument> artifacts = new HashMap<>();
  final List<ManifestDocument> workloads = new ArrayList<>();

  ManifestIndex(List<ManifestDocument> docs, List<String> problems, List<String> warnings) {
    Map<String, ManifestDocument> seen = new HashMap<>();
    for (ManifestDocument doc : docs) {
      ManifestDocument first = seen.putIfAbsent(doc.describe(), doc);
      if (first != null) {
        problems.add(
            doc.at("")
                + ": "
                + doc.describe()
                + " is defined twice (first at "
                + first.at("")
                + "): remove or rename one");
      } else if (DocumentKinds.CONFIG.contains(doc.kind())) {
        config.add(doc);
        if (doc.root().has("binaryData")) {
          warnings.add(
              doc.problem("/binaryData", "not passed to workloads: wasmCloud reads only data"));
        }
      } else if ("Artifact".equals(doc.kind())) {
        artifacts.put(doc.namespace() + "/" + doc.name(), doc);
      } else {
        workloads.add(doc);
      }
    }
  }
}
