package virga.crds.v1alpha1;

/** Values of {@link Condition#getStatus()}. */
public final class ConditionStatus {

  /** The condition holds. */
  public static final String TRUE = "True";

  /** The condition does not hold. */
  public static final String FALSE = "False";

  /** It is not known whether the condition holds. */
  public static final String UNKNOWN = "Unknown";

  private ConditionStatus() {}
}
