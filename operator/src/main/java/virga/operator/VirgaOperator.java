package virga.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.operator.controller.artifact.ArtifactReconciler;
import virga.operator.controller.host.HostPodReconciler;
import virga.operator.controller.host.HostReconciler;
import virga.operator.controller.host.HostRegistrar;
import virga.operator.controller.host.HostStates;
import virga.operator.controller.host.WorkloadsByHost;
import virga.operator.events.KubernetesEventRecorder;
import virga.operator.hosts.HeartbeatFanOut;
import virga.operator.hosts.HeartbeatListener;
import virga.operator.hosts.HostClient;
import virga.operator.nats.BusHealth;
import virga.operator.nats.NatsConnectionFactory;

/**
 * The running operator: NATS connection, JOSDK with the Host, host-Pod and Artifact controllers
 * (plus every {@link ControllerRegistration} on the class path), the heartbeat registrar, and the
 * HTTP endpoints. Used by {@link OperatorMain} and, unchanged, by the integration tests.
 */
public final class VirgaOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VirgaOperator.class);

  private final OperatorConfig config;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final BusHealth bus;
  private final HostStates hostStates = new HostStates();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private Operator operator;
  private Connection connection;
  private HeartbeatListener heartbeats;
  private OperatorServices services;
  private HttpEndpoints health;
  private HttpEndpoints metrics;
  private final Runnable onLostLeadership;
  private volatile boolean started;
  private volatile boolean leading;
  private volatile boolean closing;

  private VirgaOperator(OperatorConfig config, Clock clock, Runnable onLostLeadership) {
    this.config = config;
    this.bus = new BusHealth(clock);
    this.onLostLeadership = onLostLeadership;
  }

  /**
   * Starts everything; returns once the controllers run (or wait for leadership). Losing the leader
   * Lease (other than by {@link #close()}) ends the process with status 1, as controller-runtime
   * does: the controllers must not go on reconciling next to a new leader.
   */
  public static VirgaOperator start(OperatorConfig config, KubernetesClient client, Clock clock)
      throws Exception {
    return start(config, client, clock, VirgaOperator::exitOnLostLeadership);
  }

  /**
   * Starts everything, calling {@code onLostLeadership} (instead of exiting) when the Lease is lost
   * while running; it should stop this operator. For in-process use, e.g. tests.
   */
  public static VirgaOperator start(
      OperatorConfig config, KubernetesClient client, Clock clock, Runnable onLostLeadership)
      throws Exception {
    VirgaOperator running = new VirgaOperator(config, clock, onLostLeadership);
    try {
      running.startWith(client, clock);
    } catch (Exception | Error e) {
      running.close();
      throw e;
    }
    return running;
  }

  private void startWith(KubernetesClient client, Clock clock) throws Exception {
    hostStates.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    closeables.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    connection = NatsConnectionFactory.connect(config.nats(), bus);
    closeables.add(connection::close);
    // Events go from their own threads: a reconcile never waits for one on a busy API server
    KubernetesEventRecorder events = KubernetesEventRecorder.async(client, clock, 2, 10_000);
    closeables.add(events::close);
    HostClient hostClient = new HostClient(connection, config.hostTimeouts());
    // one heartbeat listener; the Host registrar and the Workload host registry both hear it
    HeartbeatFanOut fanOut = new HeartbeatFanOut();
    services =
        new OperatorServices(config, client, hostClient, bus, events, registry, clock, fanOut);

    WorkloadsByHost workloads = WorkloadsByHost.start(client, config.watchNamespaces());
    closeables.add(workloads);
    HostRegistrar registrar = new HostRegistrar(client, config.hostNamespace(), clock, events);
    closeables.add(registrar);
    fanOut.add(registrar);
    heartbeats = new HeartbeatListener(connection, fanOut);
    closeables.add(heartbeats);

    operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withConcurrentReconciliationThreads(config.reconcileThreads())
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
              if (config.leaderElect()) {
                o.withLeaderElectionConfiguration(leaderElection());
              }
            });
    operator.register(
        new HostReconciler(
            hostClient, bus, workloads, events, hostStates, config.hostSettings(), clock),
        (ControllerConfigurationOverrider<virga.crds.v1alpha1.Host> c) ->
            c.settingNamespace(config.hostNamespace()));
    operator.register(
        new HostPodReconciler(config.hostNamespace(), events),
        (ControllerConfigurationOverrider<Pod> c) -> {
          // host pods live in the host namespace even when the user kinds are scoped elsewhere
          Set<String> namespaces =
              HostPodReconciler.namespaces(config.hostNamespace(), config.watchNamespaces());
          if (!namespaces.isEmpty()) {
            c.settingNamespaces(namespaces);
          }
        });
    if (config.artifactController()) {
      operator.register(new ArtifactReconciler(clock), watched());
    }
    for (ControllerRegistration extra : ServiceLoader.load(ControllerRegistration.class)) {
      LOG.info("registering controllers from {}", extra.getClass().getName());
      extra.register(operator, services);
    }
    operator.start();
    if (!config.leaderElect()) {
      startLeading();
    }
    started = true;

    health =
        HttpEndpoints.health(
            config.healthProbeBindAddress(),
            () -> new HttpEndpoints.Probe(true, "ok"),
            this::readiness);
    if (health != null) {
      closeables.add(health);
    }
    metrics = HttpEndpoints.metrics(config.metricsBindAddress(), registry::scrape);
    if (metrics != null) {
      closeables.add(metrics);
    }
    LOG.info(
        "operator started: host namespace {}, watching {}, NATS {}, metrics port {}, probe port {}",
        config.hostNamespace(),
        config.watchNamespaces().isEmpty() ? "all namespaces" : config.watchNamespaces(),
        config.nats().url(),
        metricsPort(),
        healthPort());
  }

  private <R extends io.fabric8.kubernetes.api.model.HasMetadata>
      Consumer<ControllerConfigurationOverrider<R>> watched() {
    return c -> {
      if (!config.watchNamespaces().isEmpty()) {
        c.settingNamespaces(config.watchNamespaces());
      }
    };
  }

  private LeaderElectionConfiguration leaderElection() {
    OperatorConfig.Lease lease = config.lease();
    String identity = lease.identity();
    if (identity == null || identity.isBlank()) {
      identity = System.getenv("POD_NAME");
    }
    if (identity == null || identity.isBlank()) {
      identity = System.getenv().getOrDefault("HOSTNAME", "virga-operator-" + UUID.randomUUID());
    }
    // not JOSDK's exitOnStopLeading: it calls System.exit also when close() cancels the election,
    // which from the SIGTERM shutdown hook blocks that hook for ever (and ends a test JVM)
    return new LeaderElectionConfiguration(
        OperatorConfig.LEASE_NAME,
        config.hostNamespace(),
        lease.duration(),
        lease.renewDeadline(),
        lease.retryPeriod(),
        identity,
        new LeaderCallbacks(
            this::startLeading, this::stopLeading, leader -> LOG.info("leader is {}", leader)),
        false);
  }

  private void stopLeading() {
    boolean was = leading;
    leading = false;
    if (closing) {
      LOG.info("released leadership on shutdown");
      return;
    }
    LOG.error("lost leadership (was leading: {})", was);
    onLostLeadership.run();
  }

  private static void exitOnLostLeadership() {
    // not on the elector's thread: the shutdown hook stops the executor that runs it
    Thread exit = new Thread(() -> System.exit(1), "lost-leadership-exit");
    exit.start();
  }

  private void startLeading() {
    leading = true;
    // only the leader writes Hosts from heartbeats
    heartbeats.start();
  }

  private HttpEndpoints.Probe readiness() {
    if (!started) {
      return new HttpEndpoints.Probe(false, "starting");
    }
    String nats = "nats " + (bus.connected() ? "connected" : "disconnected");
    if (leading && !operator.getRuntimeInfo().allEventSourcesAreHealthy()) {
      return new HttpEndpoints.Probe(false, "unhealthy event sources; " + nats);
    }
    return new HttpEndpoints.Probe(true, (leading ? "leader" : "standby") + "; " + nats);
  }

  public Operator operator() {
    return operator;
  }

  public BusHealth busHealth() {
    return bus;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public HostStates hostStates() {
    return hostStates;
  }

  public HeartbeatListener heartbeats() {
    return heartbeats;
  }

  /** What the controllers were built from (metrics, heartbeat fan-out, ...). */
  public OperatorServices services() {
    return services;
  }

  /** The port of /metrics (useful with port 0); -1 when disabled. */
  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  /** The port of /healthz and /readyz (useful with port 0); -1 when disabled. */
  public int healthPort() {
    return health == null ? -1 : health.port();
  }

  /** Whether this instance holds the leader Lease (always, without leader election). */
  public boolean leading() {
    return leading;
  }

  @Override
  public void close() {
    closing = true;
    if (operator != null) {
      try {
        operator.stop();
      } catch (RuntimeException e) {
        LOG.warn("stopping JOSDK: {}", e.getMessage());
      }
    }
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing {}: {}", closeables.get(i), e.getMessage());
      }
    }
    registry.close();
  }
}
