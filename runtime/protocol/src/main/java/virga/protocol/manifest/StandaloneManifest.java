package virga.protocol.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import virga.protocol.v2.WorkloadStartRequest;

/**
 * A manifest for the standalone host ({@code bin/host run MANIFEST.yaml}): the YAML that {@code
 * kubectl apply} takes, validated as the API server validates it, turned into one {@code
 * WorkloadStartRequest} per workload by the same {@link WorkloadMessages} the operator uses.
 *
 * <p>Kinds: WorkloadDeployment, WorkloadReplicaSet, Workload and Artifact ({@code
 * runtime.wasmcloud.dev/v1alpha1}), ConfigMap and Secret ({@code v1}); Namespace, Service and
 * HorizontalPodAutoscaler are skipped with a warning; anything else is refused. A missing {@code
 * metadata.namespace} is {@code default}. A deployment or replica set with {@code replicas: n}
 * yields n workloads, named {@code <name>} when n is 1 and {@code <name>-1} to {@code <name>-n}
 * otherwise; each workload's id is {@code <namespace>/<name>}. {@code configFrom}, {@code
 * secretFrom} and {@code imagePullSecret} resolve against the ConfigMaps and Secrets of the
 * manifest and of the config paths, in the workload's namespace. What only a cluster uses is
 * ignored: hostSelector, hostId, environment, labels, deployPolicy, and the generation annotation
 * the operator's replica sets add.
 */
public final class StandaloneManifest {
  private final List<WorkloadStartRequest> startRequests;
  private final List<String> warnings;

  private StandaloneManifest(List<WorkloadStartRequest> startRequests, List<String> warnings) {
    this.startRequests = List.copyOf(startRequests);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Loads a manifest file (or every manifest file of a directory) and the ConfigMaps and Secrets of
   * {@code configPaths} (files or directories, which hold nothing else).
   *
   * @throws ManifestException with every problem found, one line each
   */
  public static StandaloneManifest load(Path manifest, List<Path> configPaths)
      throws ManifestException {
    List<ManifestText> config = new ArrayList<>();
    for (Path p : configPaths) {
      config.addAll(ManifestFiles.read(p));
    }
    return read(manifest.toString(), ManifestFiles.read(manifest), config);
  }

  /**
   * Reads manifest texts.
   *
   * @param name what the manifest is called in a problem that concerns all of it
   * @param manifest the manifest files
   * @param config files of ConfigMaps and Secrets only
   * @throws ManifestException with every problem found, one line each
   */
  public static StandaloneManifest read(
      String name, List<ManifestText> manifest, List<ManifestText> config)
      throws ManifestException {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<ManifestDocument> docs = new ArrayList<>();
    documents(manifest, false, docs, problems, warnings);
    documents(config, true, docs, problems, warnings);
    failOn(problems);

    ManifestIndex index = new ManifestIndex(docs, problems, warnings);
    if (index.workloads.isEmpty() && problems.isEmpty()) {
      problems.add(
          name + ": no WorkloadDeployment, WorkloadReplicaSet or Workload found: add one to run");
    }
    ManifestConfigSource source = new ManifestConfigSource(index.config, problems);
    List<PlannedWorkload> planned = plan(index, problems, warnings);
    failOn(problems);

    for (PlannedWorkload w : planned) {
      ConfigChecks.check(w, source, problems);
    }
    failOn(problems);

    List<WorkloadStartRequest> requests = new ArrayList<>();
    for (PlannedWorkload w : planned) {
      try {
        requests.add(WorkloadMessages.startRequest(w.id(), w.object(), source));
      } catch (MissingConfigException e) {
        // ConfigChecks has seen every reference: only a change to the builder lands here
        problems.add(w.doc().problem(w.specPointer(), e.getMessage()));
      }
    }
    failOn(problems);
    return new StandaloneManifest(requests, warnings);
  }

  /** The workloads of every workload document; two that would share an id are a problem. */
  private static List<PlannedWorkload> plan(
      ManifestIndex index, List<String> problems, List<String> warnings) {
    WorkloadExpansion expansion = new WorkloadExpansion(index.artifacts, problems, warnings);
    Map<String, PlannedWorkload> ids = new LinkedHashMap<>();
    for (ManifestDocument doc : index.workloads) {
      for (PlannedWorkload w : expansion.expand(doc)) {
        PlannedWorkload other = ids.putIfAbsent(w.id(), w);
        if (other != null) {
          problems.add(
              doc.prefix("/metadata/name")
                  + "makes workload "
                  + w.id()
                  + ", as "
                  + other.doc().describe()
                  + " at "
                  + other.doc().at("")
                  + " does: rename one");
        }
      }
    }
    return new ArrayList<>(ids.values());
  }

  private static void documents(
      List<ManifestText> texts,
      boolean configOnly,
      List<ManifestDocument> out,
      List<String> problems,
      List<String> warnings) {
    for (ManifestText text : texts) {
      List<ManifestDocument> docs;
      try {
        docs = YamlDocuments.read(text.name(), text.text());
      } catch (ManifestException e) {
        problems.addAll(e.problems());
        continue;
      }
      for (ManifestDocument doc : docs) {
        DocumentKinds.Verdict verdict = DocumentKinds.of(doc);
        if (verdict instanceof DocumentKinds.Refuse r) {
          problems.add(r.problem());
        } else if (verdict instanceof DocumentKinds.Skip s) {
          warnings.add(s.warning());
        } else if (configOnly && !DocumentKinds.CONFIG.contains(doc.kind())) {
          problems.add(
              doc.prefix("")
                  + "a config path holds only ConfigMaps and Secrets: move it into the manifest");
        } else {
          List<String> found =
              SchemaValidator.validate(doc, ((DocumentKinds.Use) verdict).kind().schema());
          if (found.isEmpty()) {
            out.add(doc);
          } else {
            problems.addAll(found);
          }
        }
      }
    }
  }

  private static void failOn(List<String> problems) throws ManifestException {
    if (!problems.isEmpty()) {
      throw new ManifestException(problems);
    }
  }

  /** One start request per workload, in manifest order. */
  public List<WorkloadStartRequest> startRequests() {
    return startRequests;
  }

  /** Things the standalone host skips (ignored kinds, zero replicas, binaryData), one line each. */
  public List<String> warnings() {
    return warnings;
  }
}
