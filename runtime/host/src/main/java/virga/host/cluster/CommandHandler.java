package virga.host.cluster;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.host.workload.WorkloadHost;
import virga.protocol.HostCommand;
import virga.protocol.ProtoJson;
import virga.protocol.ProtocolException;
import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadStartResponse;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;
import virga.protocol.v2.WorkloadStatusRequest;
import virga.protocol.v2.WorkloadStatusResponse;
import virga.protocol.v2.WorkloadStopRequest;
import virga.protocol.v2.WorkloadStopResponse;

/**
 * Answers the operator's commands with the host's workloads: decodes the proto3 JSON request, acts,
 * and returns the reply message. Thread-safe and meant to run each command on its own thread: a
 * start blocks (for a slot, then for its pull and compilation) while heartbeats, status, stop and
 * config of other workloads go on.
 */
final class CommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

  /** How long a stop waits for a start that left the queue to reserve its id in the host. */
  private static final Duration RESERVE_WAIT = Duration.ofSeconds(2);

  static final String STOPPED = "Workload stopped successfully";
  static final String STOPPED_WHILE_STARTING = "Workload was stopped while starting";
  static final String WAITING = "Workload is Starting (waiting for a start slot)";
  static final String SHUTTING_DOWN = "the host is shutting down: start refused";

  private final WorkloadHost host;
  private final StartSlots slots;
  private final Supplier<HostHeartbeat> heartbeat;
  private volatile boolean draining;

  CommandHandler(WorkloadHost host, StartSlots slots, Supplier<HostHeartbeat> heartbeat) {
    this.host = host;
    this.slots = slots;
    this.heartbeat = heartbeat;
  }

  /**
   * The reply to {@code command} with {@code payload}.
   *
   * @throws ProtocolException when the payload does not decode (no reply then, as wasmCloud)
   */
  Message handle(HostCommand command, byte[] payload) {
    return switch (command) {
      case HEARTBEAT -> {
        ProtoJson.<Empty>decode(payload, Empty.newBuilder());
        yield heartbeat.get();
      }
      case WORKLOAD_START ->
          WorkloadStartResponse.newBuilder()
              .setWorkloadStatus(
                  start(ProtoJson.decode(payload, WorkloadStartRequest.newBuilder())))
              .build();
      case WORKLOAD_STATUS -> {
        WorkloadStatusRequest r = ProtoJson.decode(payload, WorkloadStatusRequest.newBuilder());
        yield WorkloadStatusResponse.newBuilder()
            .setWorkloadStatus(status(r.getWorkloadId()))
            .build();
      }
      case WORKLOAD_STOP -> {
        WorkloadStopRequest r = ProtoJson.decode(payload, WorkloadStopRequest.newBuilder());
        yield WorkloadStopResponse.newBuilder().setWorkloadStatus(stop(r.getWorkloadId())).build();
      }
      case WORKLOAD_CONFIG ->
          WorkloadStatusResponse.newBuilder()
              .setWorkloadStatus(
                  config(ProtoJson.decode(payload, WorkloadStartRequest.newBuilder())))
              .build();
    };
  }

  /** Refuses starts from now on and cancels those waiting for a slot. */
  void drain() {
    draining = true;
    slots.cancelAll();
  }

  WorkloadStatus start(WorkloadStartRequest request) {
    String id = request.getWorkloadId();
    if (draining) {
      return status(id, WorkloadState.WORKLOAD_STATE_ERROR, SHUTTING_DOWN);
    }
    StartSlots.Ticket ticket = id.isBlank() ? null : slots.queue(id);
    if (ticket == null) {
      // the host refuses a blank id itself; a duplicate is refused here, with no slot needed
      return id.isBlank()
          ? host.start(request)
          : status(
              id,
              WorkloadState.WORKLOAD_STATE_ERROR,
              "Workload ID ["
                  + id
                  + "] already exists (the existing workload must be stopped to reuse the ID)");
    }
    boolean held = false;
    try {
      slots.acquire();
      held = true;
      if (!ticket.enter()) {
        LOG.info("workload {} was stopped while waiting for a start slot", id);
        return status(id, WorkloadState.WORKLOAD_STATE_STOPPING, STOPPED_WHILE_STARTING);
      }
      return host.start(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return status(id, WorkloadState.WORKLOAD_STATE_ERROR, SHUTTING_DOWN);
    } finally {
      slots.release(id, ticket, held);
    }
  }

  WorkloadStatus status(String id) {
    WorkloadStatus s = host.status(id);
    if (s.getWorkloadState() == WorkloadState.WORKLOAD_STATE_NOT_FOUND) {
      StartSlots.Ticket t = slots.ticket(id);
      if (t != null && t.phase() != StartSlots.Phase.CANCELLED) {
        return status(id, WorkloadState.WORKLOAD_STATE_STARTING, WAITING);
      }
    }
    return s;
  }

  WorkloadStatus stop(String id) {
    StartSlots.Ticket t = slots.ticket(id);
    if (t != null && t.cancel()) {
      return status(id, WorkloadState.WORKLOAD_STATE_STOPPING, STOPPED);
    }
    WorkloadStatus s = host.stop(id);
    // a start that just left the queue reserves its id within microseconds: wait for it, or the
    // stop would miss it and the workload would run on unowned
    long end = System.nanoTime() + RESERVE_WAIT.toNanos();
    while (s.getWorkloadState() == WorkloadState.WORKLOAD_STATE_NOT_FOUND
        && t != null
        && slots.ticket(id) == t
        && System.nanoTime() < end) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      s = host.stop(id);
    }
    return s;
  }

  WorkloadStatus config(WorkloadStartRequest request) {
    String id = request.getWorkloadId();
    WorkloadStatus current = status(id);
    if (current.getWorkloadState() == WorkloadState.WORKLOAD_STATE_NOT_FOUND) {
      return current;
    }
    if (!request.hasWorkload()) {
      return status(
          id,
          WorkloadState.WORKLOAD_STATE_ERROR,
          "the config update has no workload: nothing changed");
    }
    try {
      WorkloadStatus s = host.updateConfig(id, request.getWorkload());
      LOG.info("workload {}: config updated without a restart", id);
      return s;
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.warn("workload {}: config update failed: {}", id, reason);
      return status(id, WorkloadState.WORKLOAD_STATE_ERROR, reason);
    }
  }

  private static WorkloadStatus status(String id, WorkloadState state, String message) {
    return WorkloadStatus.newBuilder()
        .setWorkloadId(id)
        .setWorkloadState(state)
        .setMessage(message)
        .build();
  }

  /** Logged, never answered: wasmCloud's host sends no reply to these either. */
  static void undecodable(HostCommand command, String subject, ProtocolException e) {
    LOG.warn("ignoring {} on {}: {}", command.token(), subject, e.getMessage());
  }
}
