package virga.operator.controller.workload;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import virga.operator.hosts.HostApi;
import virga.operator.hosts.HostUnreachableException;
import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadStartResponse;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;
import virga.protocol.v2.WorkloadStatusResponse;
import virga.protocol.v2.WorkloadStopResponse;

/** A {@link HostApi} that keeps workload states in memory and records every call. */
final class InMemoryHostApi implements HostApi {
  final Map<String, WorkloadState> states = new ConcurrentHashMap<>();
  final Map<String, String> messages = new ConcurrentHashMap<>();
  final List<WorkloadStartRequest> starts = new CopyOnWriteArrayList<>();
  final List<WorkloadStartRequest> configs = new CopyOnWriteArrayList<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile String failStarts;
  volatile boolean loseNextStartReply;

  /** The reply to workload.config: null answers RUNNING, else ERROR with this message. */
  volatile String failConfigs;

  /** workload.config goes unanswered (a host that does not implement it). */
  volatile boolean configUnanswered;

  @Override
  public HostHeartbeat heartbeat(String hostId) {
    calls.add("heartbeat " + hostId);
    return HostHeartbeat.newBuilder()
        .setId(hostId)
        .addImports(
            virga.protocol.v2.WitInterface.newBuilder()
                .setNamespace("wasi")
                .setPackage("config")
                .setVersion("0.2.0-rc.1")
                .addInterfaces("store"))
        .build();
  }

  @Override
  public WorkloadStartResponse start(String hostId, WorkloadStartRequest request) {
    calls.add("start " + hostId);
    starts.add(request);
    String id = request.getWorkloadId();
    if (states.containsKey(id)) {
      return reply(id, WorkloadState.WORKLOAD_STATE_ERROR, "already exists");
    }
    if (failStarts != null) {
      states.put(id, WorkloadState.WORKLOAD_STATE_ERROR);
      messages.put(id, failStarts);
      return reply(id, WorkloadState.WORKLOAD_STATE_ERROR, failStarts);
    }
    states.put(id, WorkloadState.WORKLOAD_STATE_RUNNING);
    if (loseNextStartReply) {
      loseNextStartReply = false;
      throw new HostUnreachableException(
          hostId, "start", Duration.ofSeconds(1), HostUnreachableException.Reason.TIMEOUT, null);
    }
    return reply(id, WorkloadState.WORKLOAD_STATE_RUNNING, "started");
  }

  @Override
  public WorkloadStatusResponse status(String hostId, String workloadId) {
    calls.add("status " + hostId);
    WorkloadState s = states.getOrDefault(workloadId, WorkloadState.WORKLOAD_STATE_NOT_FOUND);
    String message = messages.getOrDefault(workloadId, "");
    return WorkloadStatusResponse.newBuilder()
        .setWorkloadStatus(status(workloadId, s, message))
        .build();
  }

  /** Moves a held workload to {@code state} with the host's {@code message}. */
  void set(String workloadId, WorkloadState state, String message) {
    states.put(workloadId, state);
    messages.put(workloadId, message);
  }

  @Override
  public WorkloadStatusResponse config(String hostId, WorkloadStartRequest request) {
    calls.add("config " + hostId);
    configs.add(request);
    if (configUnanswered) {
      throw new HostUnreachableException(
          hostId, "config", Duration.ofSeconds(10), HostUnreachableException.Reason.TIMEOUT, null);
    }
    String id = request.getWorkloadId();
    WorkloadState s =
        !states.containsKey(id)
            ? WorkloadState.WORKLOAD_STATE_NOT_FOUND
            : failConfigs == null
                ? WorkloadState.WORKLOAD_STATE_RUNNING
                : WorkloadState.WORKLOAD_STATE_ERROR;
    String message = failConfigs == null ? "" : failConfigs;
    return WorkloadStatusResponse.newBuilder().setWorkloadStatus(status(id, s, message)).build();
  }

  @Override
  public WorkloadStopResponse stop(String hostId, String workloadId) {
    calls.add("stop " + hostId);
    messages.remove(workloadId);
    WorkloadState s =
        states.remove(workloadId) == null
            ? WorkloadState.WORKLOAD_STATE_NOT_FOUND
            : WorkloadState.WORKLOAD_STATE_STOPPING;
    return WorkloadStopResponse.newBuilder().setWorkloadStatus(status(workloadId, s, "")).build();
  }

  long count(String prefix) {
    return calls.stream().filter(c -> c.startsWith(prefix)).count();
  }

  private static WorkloadStartResponse reply(String id, WorkloadState s, String message) {
    return WorkloadStartResponse.newBuilder().setWorkloadStatus(status(id, s, message)).build();
  }

  private static WorkloadStatus status(String id, WorkloadState s, String message) {
    return WorkloadStatus.newBuilder()
        .setWorkloadId(id)
        .setWorkloadState(s)
        .setMessage(message)
        .build();
  }
}
