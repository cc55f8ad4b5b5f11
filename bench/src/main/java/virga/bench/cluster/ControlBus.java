package virga.bench.cluster;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import virga.protocol.HostCommand;
import virga.protocol.ProtoJson;
import virga.protocol.Subjects;
import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadStartResponse;
import virga.protocol.v2.WorkloadStatus;
import virga.protocol.v2.WorkloadStopRequest;
import virga.protocol.v2.WorkloadStopResponse;

/**
 * The driver's side of the control plane: requests to hosts as the operator sends them, and the
 * time of each host's last heartbeat (heard on {@code runtime.operator.heartbeat.>}).
 */
final class ControlBus implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Connection nats;
  private final Dispatcher heartbeats;
  private final Map<String, Long> lastHeartbeatNanos = new ConcurrentHashMap<>();

  ControlBus(String url) throws IOException, InterruptedException, TimeoutException {
    nats =
        Nats.connect(
            new Options.Builder()
                .server(url)
                .connectionName("virga-cluster-bench")
                .maxReconnects(-1)
                .build());
    heartbeats =
        nats.createDispatcher(
            m ->
                Subjects.heartbeatHostId(m.getSubject())
                    .ifPresent(id -> lastHeartbeatNanos.put(id, System.nanoTime())));
    heartbeats.subscribe(Subjects.ALL_HEARTBEATS);
    nats.flush(Duration.ofSeconds(5));
  }

  /** {@link System#nanoTime()} of the last heartbeat of {@code hostId}, or 0 if none yet. */
  long lastHeartbeat(String hostId) {
    return lastHeartbeatNanos.getOrDefault(hostId, 0L);
  }

  /** Forgets a host's heartbeats (before it is started again). */
  void forget(String hostId) {
    lastHeartbeatNanos.remove(hostId);
  }

  /**
   * Waits until {@code hostId} has heartbeated and answers a heartbeat request: the host publishes
   * its first heartbeat on connect, possibly a moment before its command subscription is in place.
   */
  void awaitAnswering(String hostId, Duration timeout, HostProcesses.Liveness alive)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      alive.check();
      if (lastHeartbeat(hostId) != 0) {
        try {
          request(
              hostId,
              HostCommand.HEARTBEAT,
              Empty.getDefaultInstance(),
              HostHeartbeat.newBuilder(),
              Duration.ofSeconds(2));
          return;
        } catch (IllegalStateException notYet) {
          // no responders yet
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("host " + hostId + " did not answer within " + timeout);
  }

  WorkloadStatus start(String hostId, WorkloadStartRequest request) throws InterruptedException {
    WorkloadStartResponse r =
        request(
            hostId,
            HostCommand.WORKLOAD_START,
            request,
            WorkloadStartResponse.newBuilder(),
            TIMEOUT);
    return r.getWorkloadStatus();
  }

  WorkloadStatus stop(String hostId, String workloadId) throws InterruptedException {
    WorkloadStopResponse r =
        request(
            hostId,
            HostCommand.WORKLOAD_STOP,
            WorkloadStopRequest.newBuilder().setWorkloadId(workloadId).build(),
            WorkloadStopResponse.newBuilder(),
            TIMEOUT);
    return r.getWorkloadStatus();
  }

  private <T extends Message> T request(
      String hostId, HostCommand command, Message body, Message.Builder reply, Duration timeout)
      throws InterruptedException {
    String subject = Subjects.hostCommand(hostId, command);
    io.nats.client.Message m;
    try {
      m =
          nats.request(subject, ProtoJson.encodeBytes(body))
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      throw new IllegalStateException(subject + ": " + e, e);
    } catch (java.util.concurrent.CancellationException e) {
      throw new IllegalStateException(subject + ": no responders", e);
    }
    return ProtoJson.decode(m.getData(), reply);
  }

  @Override
  public void close() throws InterruptedException {
    nats.close();
  }
}
