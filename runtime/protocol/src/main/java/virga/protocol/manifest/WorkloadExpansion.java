package virga.protocol.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import virga.protocol.Protocol;

/**
 * Turns a validated WorkloadDeployment, WorkloadReplicaSet or Workload document into the Workloads
 * the operator would create from it: {@code spec.replicas} of them (named {@code <name>} when there
 * is one, {@code <name>-1} to {@code <name>-n} otherwise), each with the template's annotations and
 * spec; a deployment's {@code artifact://} images resolved through its {@code spec.artifacts} and
 * the Artifact documents, and its {@code spec.kubernetes} copied into the spec.
 */
final class WorkloadExpansion {
  private static final String ARTIFACT = "artifact://";

  private final Map<String, ManifestDocument> artifacts;
  private final List<String> problems;
  private final List<String> warnings;

  /**
   * @param artifacts Artifact documents by {@code namespace/name}
   */
  WorkloadExpansion(
      Map<String, ManifestDocument> artifacts, List<String> problems, List<String> warnings) {
    this.artifacts = artifacts;
    this.problems = problems;
    this.warnings = warnings;
  }

  /** The workloads of {@code doc} (none when it has problems, which are reported). */
  List<PlannedWorkload> expand(ManifestDocument doc) {
    ObjectNode root = doc.root();
    if ("Workload".equals(doc.kind())) {
      ObjectNode spec = (ObjectNode) root.get("spec").deepCopy();
      if (!runnable(doc, "/spec", spec) || !noArtifacts(doc, "/spec", spec)) {
        return List.of();
      }
      Map<String, String> annotations =
          Trees.stringMap(Trees.node(root, "metadata"), "annotations");
      return List.of(planned(doc, "/spec", doc.name(), annotations, spec));
    }
    JsonNode template = root.get("spec").get("template");
    ObjectNode spec = (ObjectNode) template.get("spec").deepCopy();
    String at = "/spec/template/spec";
    if (!runnable(doc, at, spec)) {
      return List.of();
    }
    if ("WorkloadDeployment".equals(doc.kind())) {
      if (!resolveArtifacts(doc, at, spec)) {
        return List.of();
      }
      JsonNode kubernetes = Trees.node(root.get("spec"), "kubernetes");
      if (kubernetes != null) {
        spec.set("kubernetes", kubernetes.deepCopy());
      }
    } else if (!noArtifacts(doc, at, spec)) {
      return List.of();
    }
    int replicas = root.get("spec").path("replicas").asInt(1);
    if (replicas < 0) {
      problems.add(doc.problem("/spec/replicas", replicas + " is less than 0: use 0 or more"));
      return List.of();
    }
    if (replicas == 0) {
      warnings.add(doc.problem("/spec/replicas", "0 replicas: nothing to run"));
    }
    Map<String, String> annotations = new HashMap<>();
    Map<String, String> declared = Trees.stringMap(template, "annotations");
    if (declared != null) {
      annotations.putAll(declared);
    }
    if ("WorkloadDeployment".equals(doc.kind())) {
      // as the operator does: the replicas' plugins may share state by deployment
      annotations.put(Protocol.DEPLOYMENT_ANNOTATION, doc.name());
    }
    List<PlannedWorkload> out = new ArrayList<>();
    for (int i = 1; i <= replicas; i++) {
      String name = replicas == 1 ? doc.name() : doc.name() + "-" + i;
      out.add(planned(doc, at, name, annotations, spec.deepCopy()));
    }
    return out;
  }

  private static PlannedWorkload planned(
      ManifestDocument doc,
      String at,
      String name,
      Map<String, String> annotations,
      ObjectNode spec) {
    String ns = doc.namespace();
    return new PlannedWorkload(
        doc, at, ns + "/" + name, new WorkloadObject(ns, name, annotations, spec));
  }

  private boolean runnable(ManifestDocument doc, String at, JsonNode spec) {
    if (Trees.list(spec, "components").isEmpty() && Trees.node(spec, "service") == null) {
      problems.add(
          doc.problem(at, "no components and no service: add a component (or a service) to run"));
      return false;
    }
    return true;
  }

  /** Images of a spec: pointer (relative to the spec) to the node that holds {@code image}. */
  private static Map<String, ObjectNode> imageHolders(ObjectNode spec) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    List<JsonNode> components = Trees.list(spec, "components");
    for (int i = 0; i < components.size(); i++) {
      out.put("/components/" + i, (ObjectNode) components.get(i));
    }
    JsonNode service = Trees.node(spec, "service");
    if (service != null) {
      out.put("/service", (ObjectNode) service);
    }
    return out;
  }

  private boolean noArtifacts(ManifestDocument doc, String at, ObjectNode spec) {
    boolean ok = true;
    for (Map.Entry<String, ObjectNode> e : imageHolders(spec).entrySet()) {
      String image = Trees.text(e.getValue(), "image");
      if (image != null && image.startsWith(ARTIFACT)) {
        problems.add(
            doc.problem(
                at + e.getKey() + "/image",
                image
                    + ": artifact:// images are resolved only through a WorkloadDeployment's"
                    + " spec.artifacts: use the image reference itself"));
        ok = false;
      }
    }
    return ok;
  }

  private boolean resolveArtifacts(ManifestDocument doc, String at, ObjectNode spec) {
    boolean ok = true;
    List<JsonNode> entries = Trees.list(doc.root().get("spec"), "artifacts");
    for (Map.Entry<String, ObjectNode> e : imageHolders(spec).entrySet()) {
      String image = Trees.text(e.getValue(), "image");
      if (image == null || !image.startsWith(ARTIFACT)) {
        continue;
      }
      String name = image.substring(ARTIFACT.length());
      int index = -1;
      for (int i = 0; i < entries.size() && index < 0; i++) {
        if (name.equals(Trees.text(entries.get(i), "name"))) {
          index = i;
        }
      }
      if (index < 0) {
        problems.add(
            doc.problem(
                at + e.getKey() + "/image",
                image
                    + " names no entry of spec.artifacts: add one with name: "
                    + name
                    + " and artifactFrom.name: <an Artifact>"));
        ok = false;
        continue;
      }
      String object = Trees.text(Trees.node(entries.get(index), "artifactFrom"), "name");
      if (object == null || object.isEmpty()) {
        problems.add(
            doc.problem(
                "/spec/artifacts/" + index + "/artifactFrom",
                "required field missing: add name: the Artifact whose spec.image to use"));
        ok = false;
        continue;
      }
      ManifestDocument artifact = artifacts.get(doc.namespace() + "/" + object);
      if (artifact == null) {
        problems.add(
            doc.problem(
                "/spec/artifacts/" + index + "/artifactFrom",
                "Artifact "
                    + doc.namespace()
                    + "/"
                    + object
                    + " not found: add an Artifact named "
                    + object
                    + " with spec.image to the manifest"));
        ok = false;
        continue;
      }
      e.getValue().put("image", Trees.text(artifact.root().get("spec"), "image"));
    }
    return ok;
  }
}
