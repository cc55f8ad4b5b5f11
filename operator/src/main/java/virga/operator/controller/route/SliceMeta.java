package virga.operator.controller.route;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The metadata of a managed slice, the same in every API version. */
final class SliceMeta {
  private SliceMeta() {}

  /** Name, labels and the Service as controlling owner (so the slice goes with the Service). */
  static ObjectMeta of(SliceSpec s, String resourceVersion) {
    Map<String, String> labels = new LinkedHashMap<>(SliceStore.selector(s.service()));
    labels.put(SliceStore.MANAGED_BY_LABEL, SliceStore.MANAGED_BY);
    OwnerReference owner =
        new OwnerReferenceBuilder()
            .withApiVersion("v1")
            .withKind("Service")
            .withName(s.service())
            .withUid(s.serviceUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build();
    return new ObjectMetaBuilder()
        .withName(s.name())
        .withNamespace(s.namespace())
        .withLabels(labels)
        .withOwnerReferences(owner)
        .withResourceVersion(resourceVersion)
        .build();
  }

  /** The UID of the controlling Service, or empty. */
  static String ownerUid(HasMetadata slice) {
    List<OwnerReference> refs = slice.getMetadata().getOwnerReferences();
    if (refs == null) {
      return "";
    }
    return refs.stream()
        .filter(r -> Boolean.TRUE.equals(r.getController()) && "Service".equals(r.getKind()))
        .map(OwnerReference::getUid)
        .findFirst()
        .orElse("");
  }

  /** Whether the slice carries the managed-by label (a slice without it is rewritten). */
  static boolean marked(HasMetadata slice) {
    Map<String, String> labels = slice.getMetadata().getLabels();
    return labels != null && SliceStore.MANAGED_BY.equals(labels.get(SliceStore.MANAGED_BY_LABEL));
  }
}
