package virga.operator.conditions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import virga.crds.v1alpha1.Condition;
import virga.crds.v1alpha1.ConditionReasons;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionedStatus;

/** Pure helpers over a status's condition list, with Kubernetes' transition-time rules. */
public final class Conditions {
  /** The reason wasmCloud gives Unknown and False conditions set by a reconcile. */
  public static final String REASON_RECONCILE = "Reconcile";

  private Conditions() {}

  /** The condition of {@code type}, if the status has one. */
  public static Optional<Condition> find(ConditionedStatus status, String type) {
    if (status == null || status.getConditions() == null) {
      return Optional.empty();
    }
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Whether the condition of {@code type} is True. */
  public static boolean isTrue(ConditionedStatus status, String type) {
    return hasStatus(status, type, ConditionStatus.TRUE);
  }

  /** Whether the condition of {@code type} is definitely False (not missing, not Unknown). */
  public static boolean isFalse(ConditionedStatus status, String type) {
    return hasStatus(status, type, ConditionStatus.FALSE);
  }

  /** Whether the condition of {@code type} has the given status. */
  public static boolean hasStatus(ConditionedStatus status, String type, String value) {
    return find(status, type).map(c -> value.equals(c.getStatus())).orElse(false);
  }

  /** The condition a {@link ConditionResult} stands for; null for NOOP. */
  public static Condition fromResult(
      String type, ConditionResult result, Long observedGeneration, Instant now) {
    return switch (result.kind()) {
      case OK, SKIP_REST ->
          of(type, ConditionStatus.TRUE, ConditionReasons.AVAILABLE, null, observedGeneration, now);
      case UNKNOWN ->
          of(
              type,
              ConditionStatus.UNKNOWN,
              REASON_RECONCILE,
              result.message(),
              observedGeneration,
              now);
      case ERROR ->
          of(
              type,
              ConditionStatus.FALSE,
              REASON_RECONCILE,
              result.message(),
              observedGeneration,
              now);
      case NOOP -> null;
    };
  }

  /** A new condition; {@code now} becomes its transition and probe time. */
  public static Condition of(
      String type,
      String status,
      String reason,
      String message,
      Long observedGeneration,
      Instant now) {
    Condition c = new Condition();
    c.setType(Objects.requireNonNull(type, "type"));
    c.setStatus(Objects.requireNonNull(status, "status"));
    c.setReason(reason);
    c.setMessage(message);
    c.setObservedGeneration(observedGeneration);
    c.setLastTransitionTime(now);
    c.setLastProbeTime(now);
    return c;
  }

  /**
   * Puts {@code condition} into {@code status}, replacing the one of the same type. The old
   * lastTransitionTime is kept unless the status value changed. Returns whether the condition's
   * value (status, reason, message or observedGeneration) changed, which is what makes a reconciler
   * stop and patch.
   */
  public static boolean set(ConditionedStatus status, Condition condition) {
    List<Condition> list =
        status.getConditions() == null
            ? new ArrayList<>()
            : new ArrayList<>(status.getConditions());
    Condition previous = null;
    int index = -1;
    for (int i = 0; i < list.size(); i++) {
      if (condition.getType().equals(list.get(i).getType())) {
        previous = list.get(i);
        index = i;
        break;
      }
    }
    if (previous != null && Objects.equals(previous.getStatus(), condition.getStatus())) {
      condition.setLastTransitionTime(previous.getLastTransitionTime());
    }
    boolean changed = !sameValue(previous, condition);
    if (!changed && previous != null) {
      // nothing a reader cares about changed: keep the object as it was, probe time included
      return false;
    }
    if (index >= 0) {
      list.set(index, condition);
    } else {
      list.add(condition);
    }
    status.setConditions(list);
    return changed;
  }

  /** Whether two conditions say the same thing, ignoring their timestamps. */
  public static boolean sameValue(Condition a, Condition b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(a.getType(), b.getType())
        && Objects.equals(a.getStatus(), b.getStatus())
        && Objects.equals(a.getReason(), b.getReason())
        && Objects.equals(a.getMessage(), b.getMessage())
        && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration());
  }
}
