package virga.crds.v1alpha1;

/** Reasons put on conditions, as in wasmCloud's condition library. */
public final class ConditionReasons {

  /** The condition is True. */
  public static final String AVAILABLE = "Available";

  /** The condition is False. */
  public static final String UNAVAILABLE = "Unavailable";

  /** The object is being created. */
  public static final String CREATING = "Creating";

  /** The object is being deleted. */
  public static final String DELETING = "Deleting";

  /** Reconciliation has not run yet. */
  public static final String RECONCILE_PENDING = "ReconcilePending";

  /** Reconciliation succeeded. */
  public static final String RECONCILE_SUCCESS = "ReconcileSuccess";

  /** Reconciliation failed; the message says why. */
  public static final String RECONCILE_ERROR = "ReconcileError";

  private ConditionReasons() {}
}
