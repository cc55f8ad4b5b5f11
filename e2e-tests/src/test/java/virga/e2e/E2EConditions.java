package virga.e2e;

import io.fabric8.kubernetes.client.CustomResource;
import virga.crds.v1alpha1.ConditionedStatus;

/** Reads the wasmCloud conditions of the runtime kinds. */
final class E2EConditions {
  private E2EConditions() {}

  /** Whether {@code r} has a {@code Ready} condition with status True. */
  static boolean isReady(CustomResource<?, ?> r) {
    return r != null
        && r.getStatus() instanceof ConditionedStatus s
        && s.getConditions() != null
        && s.getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
