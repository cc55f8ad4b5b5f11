package virga.operator.controller.replicaset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import virga.crds.v1alpha1.Labels;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadReplicaSet;
import virga.crds.v1alpha1.WorkloadReplicaTemplate;
import virga.crds.v1alpha1.WorkloadSpec;

/** Listing, building and deleting the Workloads a WorkloadReplicaSet owns. */
public final class ReplicaSetWorkloads {
  private ReplicaSetWorkloads() {}

  /** Workloads in the set's namespace whose controller reference is the set. */
  public static List<Workload> owned(KubernetesClient client, HasMetadata owner) {
    return client
        .resources(Workload.class)
        .inNamespace(owner.getMetadata().getNamespace())
        .list()
        .getItems()
        .stream()
        .filter(w -> controlledBy(w, owner))
        .toList();
  }

  /** Whether {@code owner} is the controller of {@code child}. */
  public static boolean controlledBy(HasMetadata child, HasMetadata owner) {
    List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
    return refs != null
        && refs.stream()
            .anyMatch(
                r ->
                    Boolean.TRUE.equals(r.getController())
                        && owner.getMetadata().getUid().equals(r.getUid()));
  }

  /** A controller reference to {@code owner}. */
  public static OwnerReference controllerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** A new Workload {@code <rs>-<random>} from the set's template; pure. */
  public static Workload newWorkload(WorkloadReplicaSet rs, String hash, String suffix) {
    WorkloadReplicaTemplate t = rs.getSpec().getTemplate();
    Map<String, String> annotations =
        t.getAnnotations() == null ? new HashMap<>() : new HashMap<>(t.getAnnotations());
    annotations.put(Labels.WORKLOAD_REPLICA_SET_GENERATION, hash);
    ObjectMeta meta = new ObjectMeta();
    meta.setName(rs.getMetadata().getName() + "-" + suffix);
    meta.setNamespace(rs.getMetadata().getNamespace());
    Map<String, String> labels =
        t.getLabels() == null ? new HashMap<>() : new HashMap<>(t.getLabels());
    String deployment =
        rs.getMetadata().getLabels() == null
            ? null
            : rs.getMetadata().getLabels().get(Labels.WORKLOAD_DEPLOYMENT);
    if (deployment != null) {
      labels.put(Labels.WORKLOAD_DEPLOYMENT, deployment);
    }
    meta.setLabels(labels.isEmpty() ? null : labels);
    meta.setAnnotations(annotations);
    meta.setOwnerReferences(List.of(controllerRef(rs)));
    Workload w = new Workload();
    w.setMetadata(meta);
    w.setSpec(Serialization.jsonMapper().convertValue(t.getSpec(), WorkloadSpec.class));
    return w;
  }
}
