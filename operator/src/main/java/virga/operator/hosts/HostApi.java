package virga.operator.hosts;

import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadStartResponse;
import virga.protocol.v2.WorkloadStatusResponse;
import virga.protocol.v2.WorkloadStopResponse;

/**
 * The host requests the workload controller makes; {@link #of(HostClient)} is the NATS one, unit
 * tests use a fake. Failures are {@link virga.operator.hosts.HostRequestException}s.
 */
public interface HostApi {
  HostHeartbeat heartbeat(String hostId);

  WorkloadStartResponse start(String hostId, WorkloadStartRequest request);

  WorkloadStatusResponse status(String hostId, String workloadId);

  WorkloadStopResponse stop(String hostId, String workloadId);

  /** Live config update ({@code workload.config}); only for hosts that advertise it. */
  WorkloadStatusResponse config(String hostId, WorkloadStartRequest request);

  /** Requests over NATS through {@code client}. */
  static HostApi of(HostClient client) {
    return new HostApi() {
      @Override
      public HostHeartbeat heartbeat(String hostId) {
        return client.heartbeat(hostId);
      }

      @Override
      public WorkloadStartResponse start(String hostId, WorkloadStartRequest request) {
        return client.start(hostId, request);
      }

      @Override
      public WorkloadStatusResponse status(String hostId, String workloadId) {
        return client.status(hostId, workloadId);
      }

      @Override
      public WorkloadStopResponse stop(String hostId, String workloadId) {
        return client.stop(hostId, workloadId);
      }

      @Override
      public WorkloadStatusResponse config(String hostId, WorkloadStartRequest request) {
        return client.config(hostId, request);
      }
    };
  }
}
