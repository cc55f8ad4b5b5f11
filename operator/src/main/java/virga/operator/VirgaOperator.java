package virga.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
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
import virga.operator.events.EventRecorder;
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
  private volatile boolean started;
  private volatile boolean leading;

  private VirgaOperator(OperatorConfig config, Clock clock) {
    this.config = config;
    this.bus = new BusHealth(clock);
  }

  /** Starts everything; returns once the controllers run (or wait for leadership). */
  public static VirgaOperator start(OperatorConfig config, KubernetesClient client, Clock clock)
      throws Exception {
    VirgaOperator running = new VirgaOperator(config, clock);
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
    connection = NatsConnectionFactory.connect(config.nats(), bus);
    closeables.add(connection::close);
    EventRecorder events = new EventRecorder(client, clock);
    HostClient hostClient = new HostClient(connection, config.hostTimeouts());
    OperatorServices services =
        new OperatorServices(config, client, hostClient, bus, events, registry, clock);

    WorkloadsByHost workloads = WorkloadsByHost.start(client, config.watchNamespaces());
    closeables.add(workloads);
    HostRegistrar registrar = new HostRegistrar(client, config.hostNamespace(), clock, events);
    closeables.add(registrar);
    heartbeats = new HeartbeatListener(connection, registrar);
    closeables.add(heartbeats);

    operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
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
    operator.register(new HostPodReconciler(config.hostNamespace(), events), watched());
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

    HttpEndpoints health =
        HttpEndpoints.health(
            config.healthProbeBindAddress(),
            () -> new HttpEndpoints.Probe(true, "ok"),
            this::readiness);
    if (health != null) {
      closeables.add(health);
    }
    HttpEndpoints metrics = HttpEndpoints.metrics(config.metricsBindAddress(), registry::scrape);
    if (metrics != null) {
      closeables.add(metrics);
    }
    LOG.info(
        "operator started: host namespace {}, watching {}, NATS {}",
        config.hostNamespace(),
        config.watchNamespaces().isEmpty() ? "all namespaces" : config.watchNamespaces(),
        config.nats().url());
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
    String identity = System.getenv("POD_NAME");
    if (identity == null || identity.isBlank()) {
      identity = System.getenv().getOrDefault("HOSTNAME", "virga-operator-" + UUID.randomUUID());
    }
    return new LeaderElectionConfiguration(
        OperatorConfig.LEASE_NAME,
        config.hostNamespace(),
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        identity,
        new LeaderCallbacks(
            this::startLeading,
            () -> LOG.warn("lost leadership"),
            leader -> LOG.info("leader is {}", leader)),
        true);
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

  @Override
  public void close() {
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
