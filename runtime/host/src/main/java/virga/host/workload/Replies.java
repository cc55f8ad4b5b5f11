package virga.host.workload;

import java.util.Locale;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/** The status texts of wasmCloud's host ({@code host/mod.rs}, {@code washlet/mod.rs}). */
final class Replies {
  static final String STARTED = "Workload started successfully";
  static final String STOPPED = "Workload stopped successfully";
  static final String STOPPED_WHILE_STARTING = "Workload was stopped while starting";

  private Replies() {}

  static String duplicate(String id) {
    return "Workload ID ["
        + id
        + "] already exists (the existing workload must be stopped to reuse the ID)";
  }

  static String notFound(String id) {
    return "Workload not found: " + id;
  }

  /** "Workload is Running", as wasmCloud's status reply. */
  static String is(WorkloadState state) {
    String n = state.name().substring("WORKLOAD_STATE_".length()).toLowerCase(Locale.ROOT);
    return "Workload is " + Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  static WorkloadStatus status(String id, WorkloadState state, String message) {
    return WorkloadStatus.newBuilder()
        .setWorkloadId(id)
        .setWorkloadState(state)
        .setMessage(message)
        .build();
  }
}
