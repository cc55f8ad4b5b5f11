package virga.operator.conditions;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Evaluates one status condition of {@code P}. It may change the resource's status (the change is
 * patched along with the condition); a thrown exception counts as {@link ConditionResult#error}.
 */
@FunctionalInterface
public interface ConditionFunction<P extends HasMetadata> {
  ConditionResult evaluate(P resource, Reconciliation<P> reconciliation) throws Exception;
}
