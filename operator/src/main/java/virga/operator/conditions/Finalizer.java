package virga.operator.conditions;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Cleans up after a resource that is being deleted; throw to keep the finalizer and retry. */
@FunctionalInterface
public interface Finalizer<P extends HasMetadata> {
  void finalize(P resource, Reconciliation<P> reconciliation) throws Exception;
}
