package virga.operator.controller.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.HostStatus;
import virga.operator.conditions.Conditions;
import virga.operator.scheduling.HostCandidate;
import virga.operator.scheduling.WitRef;
import virga.protocol.v2.HostHeartbeat;

/** Scheduler input from Host objects plus the advertised interfaces of their last heartbeats. */
public final class HostCandidates {
  private HostCandidates() {}

  /**
   * One candidate per Host.
   *
   * @param heartbeats the last heartbeat per host id (may lack some hosts)
   * @param ownerReplicas per host id, how many replicas of the same owner it already runs
   * @param placed per host id, how many Workloads are placed on it; the host's own count lags
   *     behind by up to a heartbeat, so the larger of the two is the workload count
   */
  public static List<HostCandidate> of(
      List<Host> hosts,
      Map<String, HostHeartbeat> heartbeats,
      Map<String, Integer> ownerReplicas,
      Map<String, Integer> placed) {
    List<HostCandidate> out = new ArrayList<>();
    for (Host h : hosts) {
      if (h.getHostId() == null) {
        continue;
      }
      HostStatus s = h.getStatus();
      boolean ready =
          h.getMetadata().getDeletionTimestamp() == null
              && Conditions.isTrue(s, ConditionTypes.READY);
      Optional<HostHeartbeat> hb = Optional.ofNullable(heartbeats.get(h.getHostId()));
      out.add(
          new HostCandidate(
              h.getHostId(),
              h.getMetadata().getName(),
              h.getMetadata().getLabels(),
              h.getEnvironment(),
              ready,
              s == null ? 0 : parseCpu(s.getSystemCPUUsage()),
              s == null || s.getSystemMemoryTotal() == null ? 0 : s.getSystemMemoryTotal(),
              s == null || s.getSystemMemoryFree() == null ? 0 : s.getSystemMemoryFree(),
              hb.map(b -> b.getImportsList().stream().map(WitRef::of).toList()).orElse(List.of()),
              hb.map(b -> b.getExportsList().stream().map(WitRef::of).toList()).orElse(List.of()),
              h.getHttpPort() == null
                  ? hb.map(HostHeartbeat::getHttpPort).orElse(0)
                  : h.getHttpPort().intValue(),
              Math.max(
                  s == null || s.getWorkloadCount() == null ? 0 : s.getWorkloadCount(),
                  placed.getOrDefault(h.getHostId(), 0)),
              ownerReplicas.getOrDefault(h.getHostId(), 0)));
    }
    return out;
  }

  static double parseCpu(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Double.parseDouble(value.trim().replace("%", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
