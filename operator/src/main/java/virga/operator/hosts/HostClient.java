package virga.operator.hosts;

import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.nats.client.Connection;
import io.nats.client.RequestFailureException;
import io.nats.client.RequestFailureReason;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import virga.operator.hosts.HostUnreachableException.Reason;
import virga.protocol.HostCommand;
import virga.protocol.ProtoJson;
import virga.protocol.ProtocolException;
import virga.protocol.Subjects;
import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadStartResponse;
import virga.protocol.v2.WorkloadStatusRequest;
import virga.protocol.v2.WorkloadStatusResponse;
import virga.protocol.v2.WorkloadStopRequest;
import virga.protocol.v2.WorkloadStopResponse;

/**
 * The operator's side of the host protocol: NATS request/reply on {@code
 * runtime.host.<hostId>.<command>} with proto3 JSON bodies, like wasmCloud's {@code
 * host_client.go}.
 *
 * <p>Every call either returns the decoded reply or throws a {@link HostUnreachableException} (no
 * answer) or a {@link HostReplyException} (an answer that is not the expected message). A start the
 * host refused is not an exception: it comes back as a reply in {@code WORKLOAD_STATE_ERROR}.
 */
public final class HostClient {
  // jnats enforces the timeout itself; this margin only guards against a future never completing
  private static final Duration SAFETY_MARGIN = Duration.ofSeconds(1);

  private final Connection connection;
  private final HostTimeouts timeouts;

  /** A client with wasmCloud's timeouts. */
  public HostClient(Connection connection) {
    this(connection, HostTimeouts.DEFAULT);
  }

  /** A client with the given timeouts. */
  public HostClient(Connection connection, HostTimeouts timeouts) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
  }

  /**
   * Asks the host for a fresh heartbeat: the liveness probe behind the Host's Reporting condition.
   */
  public HostHeartbeat heartbeat(String hostId) {
    return request(
        hostId,
        HostCommand.HEARTBEAT,
        com.google.protobuf.Empty.getDefaultInstance(),
        timeouts.heartbeat(),
        HostHeartbeat.newBuilder());
  }

  /** Starts a workload; the reply carries RUNNING, or ERROR with the host's reason. */
  public WorkloadStartResponse start(String hostId, WorkloadStartRequest request) {
    Objects.requireNonNull(request, "request");
    requireWorkloadId(request.getWorkloadId());
    if (!request.hasWorkload()) {
      // the host would log "workload is required" and never answer
      throw new IllegalArgumentException("a WorkloadStartRequest needs a workload");
    }
    WorkloadStartResponse reply =
        request(
            hostId,
            HostCommand.WORKLOAD_START,
            request,
            timeouts.start(),
            WorkloadStartResponse.newBuilder());
    requireStatus(hostId, HostCommand.WORKLOAD_START, reply.hasWorkloadStatus());
    return reply;
  }

  /**
   * Virga's live-config extension ({@code workload.config}): hands a running workload its
   * re-materialised config without a restart. Send it only to a host whose heartbeat labels carry
   * {@link virga.protocol.Protocol#CONFIG_UPDATE_LABEL}; a stock wasmCloud host never answers it.
   * The reply is RUNNING when applied, ERROR with the host's reason, or NOT_FOUND.
   */
  public WorkloadStatusResponse config(String hostId, WorkloadStartRequest request) {
    Objects.requireNonNull(request, "request");
    requireWorkloadId(request.getWorkloadId());
    if (!request.hasWorkload()) {
      throw new IllegalArgumentException("a config update needs a workload");
    }
    WorkloadStatusResponse reply =
        request(
            hostId,
            HostCommand.WORKLOAD_CONFIG,
            request,
            timeouts.config(),
            WorkloadStatusResponse.newBuilder());
    requireStatus(hostId, HostCommand.WORKLOAD_CONFIG, reply.hasWorkloadStatus());
    return reply;
  }

  /** The state of a workload on the host (NOT_FOUND when the host does not hold it). */
  public WorkloadStatusResponse status(String hostId, String workloadId) {
    requireWorkloadId(workloadId);
    WorkloadStatusResponse reply =
        request(
            hostId,
            HostCommand.WORKLOAD_STATUS,
            WorkloadStatusRequest.newBuilder().setWorkloadId(workloadId).build(),
            timeouts.status(),
            WorkloadStatusResponse.newBuilder());
    requireStatus(hostId, HostCommand.WORKLOAD_STATUS, reply.hasWorkloadStatus());
    return reply;
  }

  /** Stops a workload: STOPPING when the host held it, NOT_FOUND otherwise. */
  public WorkloadStopResponse stop(String hostId, String workloadId) {
    requireWorkloadId(workloadId);
    WorkloadStopResponse reply =
        request(
            hostId,
            HostCommand.WORKLOAD_STOP,
            WorkloadStopRequest.newBuilder().setWorkloadId(workloadId).build(),
            timeouts.stop(),
            WorkloadStopResponse.newBuilder());
    requireStatus(hostId, HostCommand.WORKLOAD_STOP, reply.hasWorkloadStatus());
    return reply;
  }

  private <T extends Message> T request(
      String hostId,
      HostCommand command,
      MessageOrBuilder body,
      Duration timeout,
      Message.Builder replyBuilder) {
    String subject = Subjects.hostCommand(hostId, command);
    io.nats.client.Message reply = send(hostId, subject, ProtoJson.encodeBytes(body), timeout);
    if (reply.isStatusMessage()) {
      if (reply.getStatus().getCode() == 503) {
        throw new HostUnreachableException(hostId, subject, timeout, Reason.NO_RESPONDERS, null);
      }
      throw new HostReplyException(
          hostId, subject, "NATS status " + reply.getStatus().getMessageWithCode(), null);
    }
    try {
      return ProtoJson.decode(reply.getData(), replyBuilder);
    } catch (ProtocolException e) {
      throw new HostReplyException(hostId, subject, e.getMessage(), e);
    }
  }

  private io.nats.client.Message send(
      String hostId, String subject, byte[] payload, Duration timeout) {
    CompletableFuture<io.nats.client.Message> future =
        connection.requestWithTimeout(subject, payload, timeout);
    try {
      io.nats.client.Message reply =
          future.get(timeout.plus(SAFETY_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
      if (reply == null) {
        throw new HostUnreachableException(hostId, subject, timeout, Reason.TIMEOUT, null);
      }
      return reply;
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HostUnreachableException(hostId, subject, timeout, Reason.TIMEOUT, e);
    } catch (CancellationException e) {
      // jnats cancels the future when its own timeout fires
      throw new HostUnreachableException(hostId, subject, timeout, Reason.TIMEOUT, e);
    } catch (ExecutionException e) {
      throw new HostUnreachableException(hostId, subject, timeout, reasonOf(e.getCause()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new HostUnreachableException(hostId, subject, timeout, Reason.CONNECTION, e);
    }
  }

  private static Reason reasonOf(Throwable cause) {
    if (cause instanceof RequestFailureException failure) {
      RequestFailureReason reason = failure.getReason();
      if (reason == RequestFailureReason.NO_RESPONDERS) {
        return Reason.NO_RESPONDERS;
      }
      if (reason == RequestFailureReason.TIMEOUT) {
        return Reason.TIMEOUT;
      }
      return Reason.CONNECTION;
    }
    if (cause instanceof TimeoutException) {
      return Reason.TIMEOUT;
    }
    String text = String.valueOf(cause);
    return text.contains("503") || text.toLowerCase().contains("no responders")
        ? Reason.NO_RESPONDERS
        : Reason.CONNECTION;
  }

  private static void requireWorkloadId(String workloadId) {
    if (workloadId == null || workloadId.isBlank()) {
      // the host would log "workload_id is required" and never answer
      throw new IllegalArgumentException("a workload id is required (the Workload's UID)");
    }
  }

  private static void requireStatus(String hostId, HostCommand command, boolean present) {
    if (!present) {
      String subject = Subjects.hostCommand(hostId, command);
      throw new HostReplyException(hostId, subject, "the reply has no workloadStatus", null);
    }
  }
}
