package virga.operator.scheduling;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import virga.protocol.v2.HostHeartbeat;

/**
 * What the scheduler knows about one host: its Host object and last heartbeat, plus how many
 * replicas of the workload's owner it already runs.
 *
 * @param id the host id requests are addressed to
 * @param name the Host object's name (the heartbeat's friendly name)
 * @param labels the Host's labels
 * @param environment the environment the host advertises (usually its pod's namespace), or empty
 * @param ready whether the Host is Ready and not being deleted
 * @param cpuUsagePercent system CPU usage, 0–100
 * @param memoryTotal bytes; 0 when unknown
 * @param memoryFree bytes
 * @param imports interfaces the host provides to components (plugin imports)
 * @param exports interfaces the host calls on components (plugin exports)
 * @param httpPort the host's HTTP ingress port, 0 when it has none
 * @param workloadCount workloads the host holds
 * @param ownerReplicas workloads of the same ReplicaSet already placed on this host
 */
public record HostCandidate(
    String id,
    String name,
    Map<String, String> labels,
    String environment,
    boolean ready,
    double cpuUsagePercent,
    long memoryTotal,
    long memoryFree,
    List<WitRef> imports,
    List<WitRef> exports,
    int httpPort,
    long workloadCount,
    int ownerReplicas) {

  /** Copies collections and normalises nulls. */
  public HostCandidate {
    Objects.requireNonNull(id, "id");
    name = name == null || name.isBlank() ? id : name;
    labels = Map.copyOf(Objects.requireNonNullElse(labels, Map.of()));
    environment = Objects.requireNonNullElse(environment, "");
    imports = List.copyOf(Objects.requireNonNullElse(imports, List.of()));
    exports = List.copyOf(Objects.requireNonNullElse(exports, List.of()));
  }

  /** A candidate from a heartbeat. */
  public static HostCandidate of(HostHeartbeat hb, boolean ready, int ownerReplicas) {
    return new HostCandidate(
        hb.getId(),
        hb.getFriendlyName(),
        hb.getLabelsMap(),
        hb.getEnvironment(),
        ready,
        hb.getSystemCpuUsage(),
        hb.getSystemMemoryTotal(),
        hb.getSystemMemoryFree(),
        hb.getImportsList().stream().map(WitRef::of).toList(),
        hb.getExportsList().stream().map(WitRef::of).toList(),
        hb.getHttpPort(),
        hb.getWorkloadCount(),
        ownerReplicas);
  }

  /** Used memory in percent; 0 when the total is unknown. */
  public double memoryUsedPercent() {
    if (memoryTotal <= 0) {
      return 0;
    }
    long free = Math.min(Math.max(memoryFree, 0), memoryTotal);
    return 100.0 * (memoryTotal - free) / memoryTotal;
  }

  /** The busier of CPU and memory, in percent: what "least loaded" compares. */
  public double load() {
    return Math.max(cpuUsagePercent, memoryUsedPercent());
  }
}
