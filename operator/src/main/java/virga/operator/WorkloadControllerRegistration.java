package virga.operator;

import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import virga.operator.controller.WorkloadSettings;
import virga.operator.controller.host.HostSettings;
import virga.operator.controller.workload.WorkloadMetrics;
import virga.operator.hosts.HostApi;
import virga.operator.hosts.HostRegistry;
import virga.operator.scheduling.SchedulingPolicy;

/**
 * Plugs the Workload, ReplicaSet and Deployment controllers into {@code VirgaOperator} through its
 * {@link ControllerRegistration} service-loader hook (listed in {@code META-INF/services}): their
 * host registry hears the operator's heartbeat listener, unhealthy Workloads are only replaced
 * while the operator's own NATS connection is stable, and placements are counted on the operator's
 * meter registry.
 */
public final class WorkloadControllerRegistration implements ControllerRegistration {
  @Override
  public void register(Operator operator, OperatorServices services) {
    OperatorConfig config = services.config();
    HostSettings hosts = config.hostSettings();
    HostRegistry registry = new HostRegistry(services.clock(), hosts.heartbeatTtl());
    services.heartbeats().add(registry);
    WorkloadControllers.register(
        operator,
        new WorkloadControllers.Deps(
            HostApi.of(services.hostClient()),
            registry,
            services.events(),
            settings(config),
            services.busHealth()::stableFor,
            new WorkloadMetrics(services.metrics())),
        config.watchNamespaces());
  }

  /**
   * The timings follow the Host controller's, which with its defaults (TTL 60 s, interval 1 min)
   * gives wasmCloud's: Workloads every half host interval (30 s, at least 1 s), ReplicaSets and
   * Deployments every host interval (1 min), and a Workload out of sync for one heartbeat TTL (60
   * s) is replaced: no sooner than its host would be declared gone.
   */
  static WorkloadSettings settings(OperatorConfig config) {
    HostSettings hosts = config.hostSettings();
    Duration half = hosts.interval().dividedBy(2);
    return new WorkloadSettings(
        config.hostNamespace(),
        new SchedulingPolicy(
            config.allowSharedHosts(),
            config.cpuBackpressureThreshold(),
            config.memoryBackpressureThreshold()),
        half.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : half,
        hosts.interval(),
        hosts.interval(),
        hosts.heartbeatTtl());
  }
}
