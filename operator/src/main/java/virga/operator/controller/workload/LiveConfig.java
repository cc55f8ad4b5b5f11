package virga.operator.controller.workload;

import java.util.Map;
import java.util.Optional;
import virga.crds.v1alpha1.Host;
import virga.operator.hosts.HostApi;
import virga.operator.hosts.HostRegistry;
import virga.operator.hosts.HostRequestException;
import virga.protocol.Protocol;
import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/**
 * The operator's side of Virga's live-config extension: whether a host advertises it (heartbeat
 * label {@link Protocol#CONFIG_UPDATE_LABEL}{@code =}{@link Protocol#CONFIG_UPDATE_VERSION}, which
 * the Host object's labels copy) and sending {@code workload.config}. Anything but a RUNNING reply
 * is a failure the caller answers with the stop-and-start every wasmCloud host understands.
 */
final class LiveConfig {
  private final HostApi hosts;
  private final HostRegistry registry;

  LiveConfig(HostApi hosts, HostRegistry registry) {
    this.hosts = hosts;
    this.registry = registry;
  }

  /**
   * Whether the host advertises the extension, on its Host object or in its last heartbeat (the
   * fresher of the two after a host upgrade; a stale yes costs one timeout, then the fallback).
   */
  boolean advertised(Optional<Host> host, String hostId) {
    boolean onObject = host.map(h -> advertises(h.getMetadata().getLabels())).orElse(false);
    return onObject
        || registry
            .get(hostId)
            .map(HostHeartbeat::getLabelsMap)
            .map(LiveConfig::advertises)
            .orElse(false);
  }

  static boolean advertises(Map<String, String> labels) {
    return labels != null
        && Protocol.CONFIG_UPDATE_VERSION.equals(labels.get(Protocol.CONFIG_UPDATE_LABEL));
  }

  /**
   * Sends {@code request} (re-materialised config) for {@code workloadId} on {@code hostId}; empty
   * when the host applied it, else why not (its message, or why it did not answer).
   */
  Optional<String> update(String hostId, String workloadId, WorkloadStartRequest request) {
    WorkloadStartRequest same = request.toBuilder().setWorkloadId(workloadId).build();
    try {
      WorkloadStatus status = hosts.config(hostId, same).getWorkloadStatus();
      if (status.getWorkloadState() == WorkloadState.WORKLOAD_STATE_RUNNING) {
        return Optional.empty();
      }
      String why = status.getMessage().isBlank() ? "" : ": " + status.getMessage();
      return Optional.of(
          "host "
              + hostId
              + " did not apply the config update ("
              + status.getWorkloadState().name()
              + why
              + ")");
    } catch (HostRequestException e) {
      return Optional.of(e.getMessage());
    }
  }
}
