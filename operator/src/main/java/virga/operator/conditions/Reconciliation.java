package virga.operator.conditions;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One pass of a {@link ConditionedReconciler} over one resource: the client, the time of the pass,
 * and the switches wasmCloud's {@code ForceStatusUpdate}/{@code ForceRequeue} flip.
 */
public final class Reconciliation<P extends HasMetadata> {
  private final KubernetesClient client;
  private final Context<P> context;
  private final Instant now;
  private boolean forceStatusUpdate;
  private boolean forceRequeue;
  private boolean checkpoint;
  private Duration interval;
  private Duration finalizeAgain;

  Reconciliation(KubernetesClient client, Context<P> context, Instant now, Duration interval) {
    this.client = Objects.requireNonNull(client, "client");
    this.context = context;
    this.now = now;
    this.interval = interval;
  }

  /** The client to read and write other resources with. */
  public KubernetesClient client() {
    return client;
  }

  /** JOSDK's context (secondary resources, event sources); empty when called outside JOSDK. */
  public Optional<Context<P>> context() {
    return Optional.ofNullable(context);
  }

  /** The time this pass runs at; every condition set in it carries this time. */
  public Instant now() {
    return now;
  }

  /** Patch the status even if no condition changed (a condition function changed other fields). */
  public void forceStatusUpdate() {
    forceStatusUpdate = true;
  }

  /**
   * Patch the status right after the current condition function, before the next one runs: for
   * fields a later function acts on that must survive a failed pass (the host chosen for a
   * workload, before the start request goes to it).
   */
  public void checkpoint() {
    checkpoint = true;
  }

  /** Requeue after one second even if nothing changed. */
  public void forceRequeue() {
    forceRequeue = true;
  }

  /**
   * From a finalizer: not done yet, keep the finalizer and run it again after {@code after} (a
   * drain that must wait, as a pod's preStop does).
   */
  public void finalizeAgainAfter(Duration after) {
    this.finalizeAgain = Objects.requireNonNull(after, "after");
  }

  /** What {@link #finalizeAgainAfter} asked for, if anything. */
  Duration finalizeAgain() {
    return finalizeAgain;
  }

  /** Requeue after {@code after} instead of the controller's interval when nothing changed. */
  public void requeueAfter(Duration after) {
    this.interval = Objects.requireNonNull(after, "after");
  }

  boolean statusUpdateForced() {
    return forceStatusUpdate;
  }

  /** Whether a checkpoint was asked for since the last call; clears the request. */
  boolean takeCheckpoint() {
    boolean asked = checkpoint;
    checkpoint = false;
    return asked;
  }

  boolean requeueForced() {
    return forceRequeue;
  }

  /**
   * When the resource is looked at again if nothing changes: the controller's interval, or less.
   */
  public Duration interval() {
    return interval;
  }
}
