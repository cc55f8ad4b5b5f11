package virga.operator.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import virga.operator.ControllerRegistration;
import virga.operator.OperatorConfig;
import virga.operator.OperatorServices;
import virga.operator.scheduling.SchedulingPolicy;
import virga.protocol.Protocol;

/**
 * Plugs the Workload, ReplicaSet and Deployment controllers into {@code VirgaOperator} through its
 * {@link ControllerRegistration} service-loader hook (listed in {@code META-INF/services}).
 */
public final class WorkloadControllerRegistration implements ControllerRegistration {
  @Override
  public void register(Operator operator, OperatorServices services) {
    OperatorConfig config = services.config();
    virga.operator.events.EventRecorder shared = services.events();
    EventRecorder events =
        new EventRecorder() {
          @Override
          public void normal(HasMetadata about, String reason, String message) {
            shared.normal(about, reason, message);
          }

          @Override
          public void warning(HasMetadata about, String reason, String message) {
            shared.warning(about, reason, message);
          }
        };
    WorkloadSettings settings =
        new WorkloadSettings(
            config.hostNamespace(),
            new SchedulingPolicy(
                config.allowSharedHosts(),
                config.cpuBackpressureThreshold(),
                config.memoryBackpressureThreshold()),
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            Duration.ofMinutes(1));
    WorkloadControllers.register(
        operator,
        new WorkloadControllers.Deps(
            HostApi.of(services.hostClient()),
            new HostRegistry(services.clock(), Protocol.HEARTBEAT_TTL),
            events,
            settings),
        config.watchNamespaces());
  }
}
