package virga.host.workload;

import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/**
 * One entry of the host's workload table, from the moment its id is reserved until it is stopped:
 * the state and message its status reports, the running workload once resolved, and whether a stop
 * came while it was starting. Guarded by its own monitor.
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

  WorkloadRecord(String id, long requestedNanos) {
    this.id = id;
    this.requestedNanos = requestedNanos;
  }

  synchronized WorkloadState state() {
    return state;
  }

  synchronized WorkloadStatus status() {
    return Replies.status(id, state, message);
  }

  synchronized void set(WorkloadState newState, String newMessage) {
    state = newState;
    message = newMessage;
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
