package virga.host.workload;

import virga.protocol.v2.WorkloadStatus;

/**
 * Told of workloads' lives, e.g. by the HTTP ingress to route to them. Methods run on the thread
 * that starts or stops the workload; keep them short.
 */
public interface WorkloadListener {
  /**
   * The workload is linked and about to become RUNNING (its service not started yet): register
   * routes here. Throwing fails the start with the exception's message (as wasmCloud fails a start
   * whose {@code config.host} is invalid); {@link #stopping} is then called for it.
   */
  default void resolved(RunningWorkload workload) throws Exception {}

  /**
   * The workload is being torn down (stopped, failed, or its start failed after {@link #resolved}):
   * drop its routes. Called once per workload that {@link #resolved} accepted.
   */
  default void stopping(RunningWorkload workload) {}

  /** A running workload's config changed; its host interfaces may name other hosts now. */
  default void configUpdated(RunningWorkload workload) {}

  /** A workload's state or message changed. */
  default void statusChanged(WorkloadStatus status) {}
}
