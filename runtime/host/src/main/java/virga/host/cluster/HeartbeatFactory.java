package virga.host.cluster;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.function.IntSupplier;
import virga.host.workload.WorkloadHost;
import virga.protocol.v2.HostHeartbeat;

/**
 * Builds the host's {@link HostHeartbeat}: the fields of wasmCloud's {@code host_heartbeat.proto}
 * and nothing else (the Go operator rejects unknown JSON fields), with fresh machine figures and
 * counts each time.
 */
final class HeartbeatFactory {
  private final HostIdentity identity;
  private final String version;
  private final Map<String, String> labels;
  private final String environment;
  private final Timestamp startedAt;
  private final AdvertisedWorld world;
  private final SystemFigures figures = new SystemFigures();
  private final WorkloadCounts counts;
  private final WorkloadHost host;
  private final IntSupplier httpPort;

  HeartbeatFactory(
      HostIdentity identity,
      String version,
      Map<String, String> labels,
      String environment,
      Instant startedAt,
      AdvertisedWorld world,
      WorkloadCounts counts,
      WorkloadHost host,
      IntSupplier httpPort) {
    this.identity = identity;
    this.version = version;
    this.labels = Map.copyOf(labels);
    this.environment = environment;
    this.startedAt =
        Timestamp.newBuilder()
            .setSeconds(startedAt.getEpochSecond())
            .setNanos(startedAt.getNano())
            .build();
    this.world = world;
    this.counts = counts;
    this.host = host;
    this.httpPort = httpPort;
  }

  HostHeartbeat build() {
    return HostHeartbeat.newBuilder()
        .setId(identity.hostId())
        .setHostname(identity.hostname())
        .setFriendlyName(identity.friendlyName())
        .setVersion(version)
        .putAllLabels(labels)
        .setStartedAt(startedAt)
        .setOsArch(SystemFigures.arch())
        .setOsName(SystemFigures.osName())
        .setOsKernel(SystemFigures.kernel())
        .setSystemCpuUsage(figures.cpuPercent())
        .setSystemMemoryTotal(figures.memoryTotal())
        .setSystemMemoryFree(figures.memoryFree())
        .setComponentCount(counts.components(host))
        .setWorkloadCount(counts.workloads(host))
        .addAllImports(world.imports())
        .addAllExports(world.exports())
        .setHttpPort(httpPort.getAsInt())
        .setEnvironment(environment)
        .build();
  }
}
