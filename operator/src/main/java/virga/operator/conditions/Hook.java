package virga.operator.conditions;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Runs before the conditions (a pre-hook) or after the status patch (a post-hook). Returning false
 * stops: a pre-hook skips the reconciliation (requeue after the interval), a post-hook skips the
 * remaining post-hooks. A thrown exception fails the reconciliation and JOSDK retries it.
 */
@FunctionalInterface
public interface Hook<P extends HasMetadata> {
  boolean run(P resource, Reconciliation<P> reconciliation) throws Exception;
}
