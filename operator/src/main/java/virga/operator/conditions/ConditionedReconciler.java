package virga.operator.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.crds.v1alpha1.Condition;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionedStatus;

/**
 * The Java take on wasmCloud's {@code ConditionedReconciler} ({@code api/condition}): pre-hooks,
 * then one function per status condition evaluated in registration order, a merge patch of the
 * status, then post-hooks.
 *
 * <p>Rules: every condition is evaluated in order in one pass, each seeing what the ones before it
 * set, until a skip-rest result; the status is patched once at the end when something changed or a
 * function forced it, and at once after a function that asked for a {@link
 * Reconciliation#checkpoint() checkpoint}; the next pass comes one second after a change that left
 * a condition other than True, else after the interval.
 *
 * <p>wasmCloud stops the pass at the first condition whose value changed, patches, and requeues a
 * second later, so a Workload takes five passes, five status writes and four seconds to become
 * Ready. Going on within the pass gives the same conditions in the same order with one write and no
 * waiting; what must be persisted before a later condition acts on it (the chosen host, before the
 * start request) is written by a checkpoint. Finalizers are JOSDK's
 * ({@code @ControllerConfiguration(finalizerName = ...)} with a {@code Cleaner} calling {@link
 * #cleanup}).
 *
 * <p>A JOSDK reconciler holds one of these and delegates: {@code return
 * conditions.reconcile(resource, context);}.
 */
public final class ConditionedReconciler<
    P extends CustomResource<?, S>, S extends ConditionedStatus> {
  private static final Logger LOG = LoggerFactory.getLogger(ConditionedReconciler.class);

  /** wasmCloud's requeue delay after a condition changed. */
  public static final Duration CHANGE_REQUEUE = Duration.ofSeconds(1);

  private record Entry<P extends HasMetadata>(String type, ConditionFunction<P> function) {}

  private final Supplier<S> newStatus;
  private final Duration interval;
  private final Clock clock;
  private final List<Hook<P>> preHooks;
  private final List<Entry<P>> conditions;
  private final List<Hook<P>> postHooks;
  private final Finalizer<P> finalizer;

  private ConditionedReconciler(Builder<P, S> b) {
    this.newStatus = b.newStatus;
    this.interval = b.interval;
    this.clock = b.clock;
    this.preHooks = List.copyOf(b.preHooks);
    this.conditions = List.copyOf(b.conditions);
    this.postHooks = List.copyOf(b.postHooks);
    this.finalizer = b.finalizer;
  }

  /** A builder; {@code newStatus} makes the empty status of a resource that has none. */
  public static <P extends CustomResource<?, S>, S extends ConditionedStatus> Builder<P, S> builder(
      Supplier<S> newStatus) {
    return new Builder<>(newStatus);
  }

  /** The condition types in evaluation order. */
  public List<String> conditionTypes() {
    return conditions.stream().map(Entry::type).toList();
  }

  /** The interval between passes when nothing changes. */
  public Duration interval() {
    return interval;
  }

  /** JOSDK entry point. */
  public UpdateControl<P> reconcile(P resource, Context<P> context) throws Exception {
    return reconcile(resource, context.getClient(), context).toUpdateControl();
  }

  /** One pass over {@code resource} (the caller's copy; its status is updated in place). */
  public Outcome reconcile(P resource, KubernetesClient client, Context<P> context)
      throws Exception {
    // snapshot before making a status: "no status" must stay null, so that the first patch adds
    // /status as a whole (operations below a /status that does not exist get a 422)
    JsonNode original = StatusPatch.snapshot(resource.getStatus());
    if (resource.getStatus() == null) {
      resource.setStatus(newStatus.get());
    }
    S status = resource.getStatus();
    Reconciliation<P> r = new Reconciliation<>(client, context, clock.instant(), interval);

    for (Hook<P> hook : preHooks) {
      if (!hook.run(resource, r)) {
        return new Outcome(r.interval(), false, null, null, true);
      }
    }

    Long generation = resource.getMetadata().getGeneration();
    String lastChanged = null;
    String skippedRestAt = null;
    boolean changed = false;
    boolean patched = false;
    for (Entry<P> entry : conditions) {
      ConditionResult result = evaluate(entry, resource, r);
      if (result.kind() != ConditionResult.Kind.NOOP) {
        Condition next = Conditions.fromResult(entry.type(), result, generation, r.now());
        if (Conditions.set(status, next)) {
          changed = true;
          lastChanged = entry.type();
        }
      }
      if (r.takeCheckpoint()) {
        // what this function wrote must be on the server before a later one acts on it
        patched |= StatusPatch.apply(client, resource, status, original);
        original = StatusPatch.snapshot(status);
      }
      if (result.kind() == ConditionResult.Kind.SKIP_REST) {
        skippedRestAt = entry.type();
        break;
      }
    }

    if (changed || r.statusUpdateForced()) {
      patched |= StatusPatch.apply(client, resource, status, original);
    }

    for (Hook<P> hook : postHooks) {
      if (!hook.run(resource, r)) {
        break;
      }
    }

    // a change that left something pending is looked at again soon; one that settled every
    // condition True is looked at when the interval comes, as a steady object is
    boolean pending = changed && !settled(status);
    Duration next = pending || r.requeueForced() ? CHANGE_REQUEUE : r.interval();
    return new Outcome(next, patched, lastChanged, skippedRestAt, false);
  }

  /**
   * JOSDK {@code Cleaner} entry point: runs the finalizer, then lets JOSDK remove the finalizer,
   * unless the finalizer asked to run again later ({@link Reconciliation#finalizeAgainAfter}).
   */
  public DeleteControl cleanup(P resource, Context<P> context) throws Exception {
    Optional<Duration> again = cleanup(resource, context.getClient(), context);
    return again.isPresent()
        ? DeleteControl.noFinalizerRemoval().rescheduleAfter(again.get())
        : DeleteControl.defaultDelete();
  }

  /**
   * Runs the finalizer function; an exception keeps the finalizer and JOSDK retries.
   *
   * @return when to run it again, if it is not done yet
   */
  public Optional<Duration> cleanup(P resource, KubernetesClient client, Context<P> context)
      throws Exception {
    if (finalizer == null) {
      return Optional.empty();
    }
    Reconciliation<P> r = new Reconciliation<>(client, context, clock.instant(), interval);
    finalizer.finalize(resource, r);
    return Optional.ofNullable(r.finalizeAgain());
  }

  private boolean settled(S status) {
    return conditions.stream()
        .allMatch(
            e ->
                Conditions.find(status, e.type())
                    .map(c -> ConditionStatus.TRUE.equals(c.getStatus()))
                    .orElse(true));
  }

  private ConditionResult evaluate(Entry<P> entry, P resource, Reconciliation<P> r) {
    try {
      return Objects.requireNonNull(
          entry.function().evaluate(resource, r), "condition function returned null");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ConditionResult.error("interrupted");
    } catch (Exception e) {
      LOG.debug(
          "condition {} of {}/{} failed",
          entry.type(),
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(),
          e);
      String message = e.getMessage();
      return ConditionResult.error(message == null ? e.getClass().getSimpleName() : message);
    }
  }

  /** Registers hooks and conditions in order. */
  public static final class Builder<P extends CustomResource<?, S>, S extends ConditionedStatus> {
    private final Supplier<S> newStatus;
    private Duration interval = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();
    private final List<Hook<P>> preHooks = new ArrayList<>();
    private final List<Entry<P>> conditions = new ArrayList<>();
    private final List<Hook<P>> postHooks = new ArrayList<>();
    private Finalizer<P> finalizer;

    private Builder(Supplier<S> newStatus) {
      this.newStatus = Objects.requireNonNull(newStatus, "newStatus");
    }

    /** How long to wait before the next pass when nothing changed (default one minute). */
    public Builder<P, S> interval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive: " + interval);
      }
      this.interval = interval;
      return this;
    }

    /** The clock condition times come from. */
    public Builder<P, S> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Adds a hook run before the conditions. */
    public Builder<P, S> preHook(Hook<P> hook) {
      preHooks.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    /** Adds the function for condition {@code type}; evaluated after the ones added before. */
    public Builder<P, S> condition(String type, ConditionFunction<P> function) {
      Objects.requireNonNull(type, "type");
      if (conditions.stream().anyMatch(e -> e.type().equals(type))) {
        throw new IllegalArgumentException("condition " + type + " is registered twice");
      }
      conditions.add(new Entry<>(type, Objects.requireNonNull(function, "function")));
      return this;
    }

    /** Adds a hook run after the status patch. */
    public Builder<P, S> postHook(Hook<P> hook) {
      postHooks.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    /** The cleanup {@link ConditionedReconciler#cleanup} runs. */
    public Builder<P, S> finalizer(Finalizer<P> finalizer) {
      this.finalizer = Objects.requireNonNull(finalizer, "finalizer");
      return this;
    }

    public ConditionedReconciler<P, S> build() {
      return new ConditionedReconciler<>(this);
    }
  }
}
