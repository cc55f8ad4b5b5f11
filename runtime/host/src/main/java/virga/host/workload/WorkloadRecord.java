package virga.host.workload;

import java.util.function.Consumer;
import virga.host.service.ServiceStatus;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/**
 * One entry of the host's workload table, from the moment its id is reserved until it is stopped:
 * the state and message its status reports, the running workload once resolved, and whether a stop
 * came while it was starting. Guarded by its own monitor; every change of state or message is
 * handed to {@code changes} under it, so listeners hear them in the order they were made.
 */
final class WorkloadRecord {
  final String id;
  final long requestedNanos;
  private WorkloadState state = WorkloadState.WORKLOAD_STATE_STARTING;
  private String message = "Workload is Starting";
  private RunningWorkload running;
  private Cleanup cleanup;
  private boolean stopRequested;
  private String failure; // a failure reported (failure sink) while starting
  private Thread teardown; // tearing a failed workload down
  private ServiceStatus serviceWhileStarting; // the service's latest report before RUNNING
  private final Consumer<WorkloadStatus> changes;

  WorkloadRecord(String id, long requestedNanos, Consumer<WorkloadStatus> changes) {
    this.id = id;
    this.requestedNanos = requestedNanos;
    this.changes = changes;
  }

  synchronized WorkloadState state() {
    return state;
  }

  synchronized WorkloadStatus status() {
    return Replies.status(id, state, message);
  }

  /** Records a new state and message; a change to neither is no change and is not reported. */
  synchronized void set(WorkloadState newState, String newMessage) {
    if (newState == state && newMessage.equals(message)) {
      return;
    }
    state = newState;
    message = newMessage;
    changes.accept(status());
  }

  /** Reports the current status as a change (the first one, when the id is reserved). */
  synchronized void announce() {
    changes.accept(status());
  }

  synchronized void serviceWhileStarting(ServiceStatus s) {
    serviceWhileStarting = s;
  }

  /** The service's latest report while the workload was starting; null when none came. */
  synchronized ServiceStatus serviceWhileStarting() {
    return serviceWhileStarting;
  }

  synchronized String message() {
    return message;
  }

  synchronized boolean stopRequested() {
    return stopRequested;
  }

  synchronized void requestStop() {
    stopRequested = true;
  }

  synchronized String failure() {
    return failure;
  }

  synchronized void failWhileStarting(String reason) {
    if (failure == null) {
      failure = reason;
    }
  }

  synchronized RunningWorkload running() {
    return running;
  }

  synchronized void resolved(RunningWorkload w, Cleanup c) {
    running = w;
    cleanup = c;
  }

  synchronized void teardown(Thread t) {
    teardown = t;
  }

  synchronized Thread teardown() {
    return teardown;
  }

  /** Takes the cleanup (once): whoever gets it tears the workload down. */
  synchronized Cleanup takeCleanup() {
    Cleanup c = cleanup;
    cleanup = null;
    return c;
  }
}
