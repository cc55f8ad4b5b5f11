package virga.operator.scheduling;

import java.util.List;

/** The scheduler's answer: a host, or why there is none. */
public sealed interface Placement {

  /** The workload goes to {@code host}. */
  record Placed(HostCandidate host) implements Placement {}

  /**
   * No host fits.
   *
   * @param cause the kind of failure, for the condition reason and events
   * @param message one human-readable line naming every rejected host and why
   * @param rejections each rejected host and why, sorted by host id
   */
  record NoPlacement(Cause cause, String message, List<Rejection> rejections) implements Placement {
    /** Copies the list. */
    public NoPlacement {
      rejections = List.copyOf(rejections);
    }
  }

  /** One host that was not chosen, and why. */
  record Rejection(String hostId, String hostName, String reason) {}

  /** Why nothing was placed. */
  enum Cause {
    /** No host is known at all. */
    NO_HOSTS,
    /** spec.hostId names a host that is not known. */
    PINNED_HOST_UNKNOWN,
    /**
     * spec.environment names another tenant and allowSharedHosts is false; mirrors wasmCloud's
     * Warning event reason.
     */
    CROSS_ENVIRONMENT_SCHEDULING_DENIED,
    /** Hosts exist but each was rejected. */
    NO_SUITABLE_HOST;

    /** The CamelCase form used as a Kubernetes event/condition reason. */
    public String reason() {
      return switch (this) {
        case NO_HOSTS -> "NoHosts";
        case PINNED_HOST_UNKNOWN -> "PinnedHostUnknown";
        case CROSS_ENVIRONMENT_SCHEDULING_DENIED -> "CrossEnvironmentSchedulingDenied";
        case NO_SUITABLE_HOST -> "NoSuitableHost";
      };
    }
  }
}
