package virga.host.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import virga.host.workload.RunningWorkload;
import virga.host.workload.WorkloadHost;
import virga.host.workload.WorkloadListener;
import virga.plugin.WorkloadItem;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/**
 * The heartbeat's counts, as wasmCloud reports them: {@code workloadCount} is every workload the
 * host knows (starting, failed and stopping ones too), {@code componentCount} the components of the
 * RUNNING ones.
 */
final class WorkloadCounts implements WorkloadListener {
  private final Map<String, Integer> components = new ConcurrentHashMap<>();

  @Override
  public void resolved(RunningWorkload workload) {
    int n =
        (int)
            workload.items().stream().filter(i -> i.kind() == WorkloadItem.Kind.COMPONENT).count();
    components.put(workload.id(), n);
  }

  @Override
  public void statusChanged(WorkloadStatus status) {
    if (status.getWorkloadState() == WorkloadState.WORKLOAD_STATE_NOT_FOUND) {
      components.remove(status.getWorkloadId());
    }
  }

  long workloads(WorkloadHost host) {
    return host.statuses().size();
  }

  long components(WorkloadHost host) {
    long n = 0;
    for (WorkloadStatus s : host.statuses()) {
      if (s.getWorkloadState() == WorkloadState.WORKLOAD_STATE_RUNNING) {
        n += components.getOrDefault(s.getWorkloadId(), 0);
      }
    }
    return n;
  }
}
