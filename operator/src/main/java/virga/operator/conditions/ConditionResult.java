package virga.operator.conditions;

import java.util.Objects;

/**
 * What a condition function found, as wasmCloud's condition functions say it with nil, {@code
 * ErrStatusUnknown}, {@code ErrNoop}, {@code ErrSkipReconciliation} or an error.
 */
public final class ConditionResult {
  /** The five outcomes. */
  public enum Kind {
    /** The condition holds: True / Available. */
    OK,
    /** Not known yet (waiting on something): Unknown / Reconcile with the message. */
    UNKNOWN,
    /** Leave the condition as it is and go on with the next one. */
    NOOP,
    /** The condition holds (True) and the remaining conditions are not evaluated. */
    SKIP_REST,
    /** The condition does not hold: False / Reconcile with the message. */
    ERROR
  }

  private static final ConditionResult OK = new ConditionResult(Kind.OK, null);
  private static final ConditionResult NOOP = new ConditionResult(Kind.NOOP, null);
  private static final ConditionResult SKIP_REST = new ConditionResult(Kind.SKIP_REST, null);

  private final Kind kind;
  private final String message;

  private ConditionResult(Kind kind, String message) {
    this.kind = kind;
    this.message = message;
  }

  /** The condition holds. */
  public static ConditionResult ok() {
    return OK;
  }

  /** It is not known yet whether the condition holds. */
  public static ConditionResult unknown(String message) {
    return new ConditionResult(Kind.UNKNOWN, Objects.requireNonNull(message, "message"));
  }

  /** Leave the condition untouched. */
  public static ConditionResult noop() {
    return NOOP;
  }

  /** The condition holds and nothing after it needs evaluating now. */
  public static ConditionResult skipRest() {
    return SKIP_REST;
  }

  /** The condition does not hold, for the reason in {@code message}. */
  public static ConditionResult error(String message) {
    return new ConditionResult(Kind.ERROR, Objects.requireNonNull(message, "message"));
  }

  public Kind kind() {
    return kind;
  }

  /** The message for UNKNOWN and ERROR, else null. */
  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConditionResult r && r.kind == kind && Objects.equals(r.message, message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, message);
  }

  @Override
  public String toString() {
    return message == null ? kind.name() : kind + "(" + message + ")";
  }
}
