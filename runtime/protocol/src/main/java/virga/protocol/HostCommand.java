package virga.protocol;

import java.util.Arrays;
import java.util.Optional;

/** The requests a host answers on {@code runtime.host.<hostId>.<command>}. */
public enum HostCommand {
  /** {@code {}} → HostHeartbeat. */
  HEARTBEAT("heartbeat"),
  /** WorkloadStartRequest → WorkloadStartResponse. */
  WORKLOAD_START("workload.start"),
  /** WorkloadStatusRequest → WorkloadStatusResponse. */
  WORKLOAD_STATUS("workload.status"),
  /** WorkloadStopRequest → WorkloadStopResponse. */
  WORKLOAD_STOP("workload.stop"),
  /**
   * WorkloadStartRequest (same id, new config) → WorkloadStatusResponse: Virga's live-config
   * extension, sent only to hosts that advertise {@link Protocol#CONFIG_UPDATE_LABEL}.
   */
  WORKLOAD_CONFIG("workload.config");

  private final String token;

  HostCommand(String token) {
    this.token = token;
  }

  /** The subject suffix, e.g. {@code workload.start}. */
  public String token() {
    return token;
  }

  /**
   * The command for a subject suffix; empty for an unknown one (a host sends no reply to those).
   */
  public static Optional<HostCommand> fromToken(String token) {
    return Arrays.stream(values()).filter(c -> c.token.equals(token)).findFirst();
  }
}
