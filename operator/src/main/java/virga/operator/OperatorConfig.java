package virga.operator;

import java.util.Objects;
import java.util.Set;
import virga.operator.controller.host.HostSettings;
import virga.operator.hosts.HostTimeouts;
import virga.operator.nats.NatsSettings;

/**
 * Everything the operator is started with; {@link OperatorMain} fills it from flags.
 *
 * @param nats how to reach NATS
 * @param hostNamespace where Host objects live (and the leader-election Lease)
 * @param watchNamespaces namespaces of the user kinds and host Pods; empty for all
 * @param leaderElect run only while holding the leader Lease
 * @param metricsBindAddress {@code host:port} of /metrics, {@code :port} for all interfaces, "0" to
 *     disable
 * @param healthProbeBindAddress {@code host:port} of /healthz and /readyz, "0" to disable
 * @param cpuBackpressureThreshold hosts above this CPU percentage get no new workloads
 * @param memoryBackpressureThreshold hosts above this memory percentage get no new workloads
 * @param allowSharedHosts whether workloads without an environment may use any host's
 * @param artifactController whether the Artifact controller runs
 * @param hostSettings Host controller timing
 * @param hostTimeouts host request timeouts
 */
public record OperatorConfig(
    NatsSettings nats,
    String hostNamespace,
    Set<String> watchNamespaces,
    boolean leaderElect,
    String metricsBindAddress,
    String healthProbeBindAddress,
    int cpuBackpressureThreshold,
    int memoryBackpressureThreshold,
    boolean allowSharedHosts,
    boolean artifactController,
    HostSettings hostSettings,
    HostTimeouts hostTimeouts) {

  /** Name of the leader-election Lease. */
  public static final String LEASE_NAME = "virga-operator-leader";

  public OperatorConfig {
    Objects.requireNonNull(nats, "nats");
    if (hostNamespace == null || hostNamespace.isBlank()) {
      throw new IllegalArgumentException(
          "the host namespace is required (--host-namespace or OPERATOR_NAMESPACE)");
    }
    watchNamespaces = Set.copyOf(watchNamespaces);
    Objects.requireNonNull(hostSettings, "hostSettings");
    Objects.requireNonNull(hostTimeouts, "hostTimeouts");
  }

  /** Defaults with the given NATS URL and host namespace, no HTTP endpoints (tests). */
  public static OperatorConfig of(String natsUrl, String hostNamespace) {
    return new OperatorConfig(
        NatsSettings.of(natsUrl),
        hostNamespace,
        Set.of(),
        false,
        "0",
        "0",
        80,
        80,
        true,
        true,
        HostSettings.DEFAULT,
        HostTimeouts.DEFAULT);
  }

  public OperatorConfig withHostSettings(HostSettings settings) {
    return new OperatorConfig(
        nats,
        hostNamespace,
        watchNamespaces,
        leaderElect,
        metricsBindAddress,
        healthProbeBindAddress,
        cpuBackpressureThreshold,
        memoryBackpressureThreshold,
        allowSharedHosts,
        artifactController,
        settings,
        hostTimeouts);
  }

  public OperatorConfig withHostTimeouts(HostTimeouts timeouts) {
    return new OperatorConfig(
        nats,
        hostNamespace,
        watchNamespaces,
        leaderElect,
        metricsBindAddress,
        healthProbeBindAddress,
        cpuBackpressureThreshold,
        memoryBackpressureThreshold,
        allowSharedHosts,
        artifactController,
        hostSettings,
        timeouts);
  }

  public OperatorConfig withEndpoints(String metrics, String health) {
    return new OperatorConfig(
        nats,
        hostNamespace,
        watchNamespaces,
        leaderElect,
        metrics,
        health,
        cpuBackpressureThreshold,
        memoryBackpressureThreshold,
        allowSharedHosts,
        artifactController,
        hostSettings,
        hostTimeouts);
  }
}
