package virga.operator.controller.deployment;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import virga.crds.v1alpha1.Labels;
import virga.crds.v1alpha1.WorkloadComponent;
import virga.crds.v1alpha1.WorkloadDeployment;
import virga.crds.v1alpha1.WorkloadDeploymentArtifact;
import virga.crds.v1alpha1.WorkloadReplicaSet;
import virga.crds.v1alpha1.WorkloadReplicaSetSpec;
import virga.crds.v1alpha1.WorkloadReplicaTemplate;
import virga.crds.v1alpha1.WorkloadSpec;
import virga.operator.controller.replicaset.ReplicaSetWorkloads;
import virga.operator.controller.replicaset.TemplateHash;

/** Pure functions from a WorkloadDeployment to the WorkloadReplicaSet it wants. */
public final class DeploymentTemplates {
  /** The image prefix that names an entry of {@code spec.artifacts}. */
  public static final String ARTIFACT_SCHEME = "artifact://";

  private DeploymentTemplates() {}

  /** {@code runtime.wasmcloud.dev/workload-deployment=<name>}: the /scale selector. */
  public static String selector(WorkloadDeployment d) {
    return Labels.WORKLOAD_DEPLOYMENT + "=" + d.getMetadata().getName();
  }

  /** The artifact names the template's images refer to. */
  public static List<String> artifactReferences(WorkloadSpec spec) {
    List<String> out = new ArrayList<>();
    for (String image : images(spec)) {
      if (image != null && image.startsWith(ARTIFACT_SCHEME)) {
        out.add(image.substring(ARTIFACT_SCHEME.length()));
      }
    }
    return out;
  }

  /**
   * The template with every {@code artifact://<name>} image replaced by its URL, {@code
   * spec.kubernetes} copied in and the deployment label added.
   *
   * @param artifactUrls published URL per {@code spec.artifacts[].name}
   * @throws IllegalArgumentException naming an artifact reference without a URL
   */
  public static WorkloadReplicaTemplate resolve(
      WorkloadDeployment d, Map<String, String> artifactUrls) {
    WorkloadReplicaTemplate t =
        Serialization.jsonMapper()
            .convertValue(d.getSpec().getTemplate(), WorkloadReplicaTemplate.class);
    WorkloadSpec spec = t.getSpec();
    if (spec.getComponents() != null) {
      for (WorkloadComponent c : spec.getComponents()) {
        c.setImage(resolveImage(c.getImage(), artifactUrls));
      }
    }
    if (spec.getService() != null) {
      spec.getService().setImage(resolveImage(spec.getService().getImage(), artifactUrls));
    }
    if (d.getSpec().getKubernetes() != null) {
      spec.setKubernetes(d.getSpec().getKubernetes());
    }
    Map<String, String> labels =
        t.getLabels() == null ? new HashMap<>() : new HashMap<>(t.getLabels());
    labels.put(Labels.WORKLOAD_DEPLOYMENT, d.getMetadata().getName());
    t.setLabels(labels);
    return t;
  }

  /** Artifact object name per {@code spec.artifacts[].name}. */
  public static Map<String, String> artifactObjects(WorkloadDeployment d) {
    Map<String, String> out = new HashMap<>();
    if (d.getSpec().getArtifacts() != null) {
      for (WorkloadDeploymentArtifact a : d.getSpec().getArtifacts()) {
        out.put(a.getName(), a.getArtifactFrom() == null ? null : a.getArtifactFrom().getName());
      }
    }
    return out;
  }

  /** A new replica set {@code <deployment>-<suffix>} for {@code template}. */
  public static WorkloadReplicaSet newReplicaSet(
      WorkloadDeployment d, WorkloadReplicaTemplate template, String suffix) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(d.getMetadata().getName() + "-" + suffix);
    meta.setNamespace(d.getMetadata().getNamespace());
    Map<String, String> labels =
        d.getMetadata().getLabels() == null
            ? new HashMap<>()
            : new HashMap<>(d.getMetadata().getLabels());
    labels.put(Labels.WORKLOAD_DEPLOYMENT, d.getMetadata().getName());
    meta.setLabels(labels);
    Map<String, String> annotations = new HashMap<>();
    if (d.getMetadata().getAnnotations() != null) {
      d.getMetadata().getAnnotations().entrySet().stream()
          .filter(e -> !e.getKey().startsWith("kubectl.kubernetes.io/"))
          .forEach(e -> annotations.put(e.getKey(), e.getValue()));
    }
    annotations.put(Labels.WORKLOAD_REPLICA_SET_GENERATION, TemplateHash.of(template.getSpec()));
    meta.setAnnotations(annotations);
    meta.setOwnerReferences(List.of(ReplicaSetWorkloads.controllerRef(d)));
    WorkloadReplicaSetSpec spec = new WorkloadReplicaSetSpec();
    spec.setReplicas(d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas());
    spec.setTemplate(template);
    WorkloadReplicaSet rs = new WorkloadReplicaSet();
    rs.setMetadata(meta);
    rs.setSpec(spec);
    return rs;
  }

  private static String resolveImage(String image, Map<String, String> urls) {
    if (image == null || !image.startsWith(ARTIFACT_SCHEME)) {
      return image;
    }
    String name = image.substring(ARTIFACT_SCHEME.length());
    String url = urls.get(name);
    if (url == null || url.isEmpty()) {
      throw new IllegalArgumentException(
          "image " + image + " names no published entry of spec.artifacts");
    }
    return url;
  }

  private static List<String> images(WorkloadSpec spec) {
    List<String> out = new ArrayList<>();
    if (spec.getComponents() != null) {
      spec.getComponents().forEach(c -> out.add(c.getImage()));
    }
    if (spec.getService() != null) {
      out.add(spec.getService().getImage());
    }
    return out;
  }
}
