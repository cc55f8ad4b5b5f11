package virga.operator;

import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import virga.crds.v1alpha1.Finalizers;
import virga.operator.controller.WorkloadSettings;
import virga.operator.controller.deployment.WorkloadDeploymentReconciler;
import virga.operator.controller.replicaset.WorkloadReplicaSetReconciler;
import virga.operator.controller.workload.WorkloadMetrics;
import virga.operator.controller.workload.WorkloadReconciler;
import virga.operator.events.EventRecorder;
import virga.operator.hosts.HostApi;
import virga.operator.hosts.HostRegistry;

/**
 * The one entry point that registers the Workload, WorkloadReplicaSet and WorkloadDeployment
 * controllers on an operator. {@code VirgaOperator} finds {@link WorkloadControllerRegistration}
 * through {@code META-INF/services}; by hand:
 *
 * <pre>{@code
 * HostRegistry registry = new HostRegistry(); // feed it from the heartbeat listener (fan-out)
 * WorkloadControllers.register(operator, new WorkloadControllers.Deps(
 *     HostApi.of(hostClient), registry, new KubernetesEventRecorder(client, Clock.systemUTC()),
 *     WorkloadSettings.defaults(operatorNamespace)));
 * }</pre>
 */
public final class WorkloadControllers {
  /**
   * What the controllers need.
   *
   * @param hosts host requests (NATS)
   * @param registry the last heartbeat per host, fed by the heartbeat listener
   * @param events where Events go
   * @param settings intervals, host namespace and scheduling policy
   * @param busStableFor whether the operator's NATS connection has been up without a break for the
   *     given window ({@code BusHealth::stableFor}): unhealthy Workloads are only replaced then, as
   *     a NATS outage makes every Workload look out of sync (wasmCloud PR #5502)
   * @param metrics placement metrics
   */
  public record Deps(
      HostApi hosts,
      HostRegistry registry,
      EventRecorder events,
      WorkloadSettings settings,
      Predicate<Duration> busStableFor,
      WorkloadMetrics metrics) {
    public Deps {
      Objects.requireNonNull(hosts, "hosts");
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(events, "events");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(busStableFor, "busStableFor");
      Objects.requireNonNull(metrics, "metrics");
    }

    /** Deps that trust the bus always and keep metrics nobody scrapes (tests). */
    public Deps(
        HostApi hosts, HostRegistry registry, EventRecorder events, WorkloadSettings settings) {
      this(hosts, registry, events, settings, window -> true, WorkloadMetrics.unscraped());
    }
  }

  private WorkloadControllers() {}

  /** Registers the three controllers, watching all namespaces. */
  public static void register(Operator operator, Deps deps) {
    register(operator, deps, Set.of());
  }

  /** Registers the three controllers, watching {@code namespaces} (empty: all). */
  public static void register(Operator operator, Deps deps, Set<String> namespaces) {
    operator.register(
        new WorkloadReconciler(
            deps.hosts(), deps.registry(), deps.events(), deps.settings(), deps.metrics()),
        o -> {
          o.withFinalizer(Finalizers.WORKLOAD);
          if (!namespaces.isEmpty()) {
            o.settingNamespaces(namespaces);
          }
        });
    operator.register(
        new WorkloadReplicaSetReconciler(deps.events(), deps.settings(), deps.busStableFor()),
        o -> {
          if (!namespaces.isEmpty()) {
            o.settingNamespaces(namespaces);
          }
        });
    operator.register(
        new WorkloadDeploymentReconciler(deps.events(), deps.settings()),
        o -> {
          if (!namespaces.isEmpty()) {
            o.settingNamespaces(namespaces);
          }
        });
  }
}
