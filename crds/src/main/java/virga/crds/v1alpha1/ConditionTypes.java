package virga.crds.v1alpha1;

/** Condition types used in the status of the runtime kinds. */
public final class ConditionTypes {

  /** Every kind: the object is fully reconciled and working. */
  public static final String READY = "Ready";

  /** Generic "in sync with the desired state". */
  public static final String SYNCED = "Synced";

  /** Workload: referenced ConfigMaps and Secrets resolved. */
  public static final String CONFIG = "Config";

  /** Workload: a host has been chosen. */
  public static final String HOST_SELECTION = "HostSelection";

  /** Workload: the workload was started on the chosen host. */
  public static final String PLACEMENT = "Placement";

  /** Workload and Artifact: the observed state matches the desired state. */
  public static final String SYNC = "Sync";

  /** WorkloadReplicaSet: Workloads are being added. */
  public static final String SCALE_UP = "ScaleUp";

  /** WorkloadReplicaSet: Workloads are being removed. */
  public static final String SCALE_DOWN = "ScaleDown";

  /** Host: heartbeats arrive within the heartbeat TTL. */
  public static final String REPORTING = "Reporting";

  /** Artifact: the image has been published and has a URL. */
  public static final String PUBLISHED = "Published";

  private ConditionTypes() {}
}
