package virga.operator;

import java.time.Duration;
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
 * @param watchNamespaces namespaces of the user kinds and host Pods (host Pods are watched in the
 *     host namespace too); empty for all
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
 * @param lease leader-election timing and identity (used with {@code leaderElect})
 * @param reconcileThreads the threads all controllers' reconciles share (JOSDK's executor); a
 *     reconcile mostly waits for the API server or a host, so this bounds how many requests are in
 *     flight, not CPU use
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
    HostTimeouts hostTimeouts,
    Lease lease,
    int reconcileThreads) {

  /** The default of {@code reconcileThreads}: JOSDK's. */
  public static final int DEFAULT_RECONCILE_THREADS = 50;

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
    Objects.requireNonNull(lease, "lease");
    if (reconcileThreads < 1) {
      throw new IllegalArgumentException(
          "--reconcile-threads must be at least 1, got " + reconcileThreads);
    }
  }

  /**
   * Leader-election timing (client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry) and
   * the identity written into the Lease.
   *
   * @param duration how long a Lease is valid without renewal; a standby takes over after it
   * @param renewDeadline how long the leader keeps trying to renew before it gives up leading
   * @param retryPeriod how often candidates try to acquire and the leader renews
   * @param identity the holder identity; null for $POD_NAME, else $HOSTNAME, else a random one
   */
  public record Lease(
      Duration duration, Duration renewDeadline, Duration retryPeriod, String identity) {
    public static final Lease DEFAULT =
        new Lease(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), null);

    public Lease {
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(renewDeadline, "renewDeadline");
      Objects.requireNonNull(retryPeriod, "retryPeriod");
      if (retryPeriod.isNegative()
          || retryPeriod.isZero()
          || renewDeadline.compareTo(retryPeriod) <= 0
          || duration.compareTo(renewDeadline) <= 0) {
        throw new IllegalArgumentException(
            "leader election needs lease duration > renew deadline > retry period > 0, got "
                + duration
                + " > "
                + renewDeadline
                + " > "
                + retryPeriod);
      }
    }

    public Lease withIdentity(String id) {
      return new Lease(duration, renewDeadline, retryPeriod, id);
    }
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
        HostTimeouts.DEFAULT,
        Lease.DEFAULT,
        DEFAULT_RECONCILE_THREADS);
  }

  public OperatorConfig withHostSettings(HostSettings settings) {
    return copy().hostSettings(settings).build();
  }

  public OperatorConfig withHostTimeouts(HostTimeouts timeouts) {
    return copy().hostTimeouts(timeouts).build();
  }

  public OperatorConfig withEndpoints(String metrics, String health) {
    return copy().metricsBindAddress(metrics).healthProbeBindAddress(health).build();
  }

  /** With leader election on (or off) and the given Lease timing. */
  public OperatorConfig withLeaderElection(boolean enabled, Lease timing) {
    return copy().leaderElect(enabled).lease(timing).build();
  }

  public OperatorConfig withReconcileThreads(int threads) {
    return copy().reconcileThreads(threads).build();
  }

  /** Scoped to {@code namespaces} ({@code --watch-namespaces}); empty for all. */
  public OperatorConfig withWatchNamespaces(Set<String> namespaces) {
    return copy().watchNamespaces(namespaces).build();
  }

  private Copy copy() {
    return new Copy(this);
  }

  /** This config with some components replaced: the withers' one place that lists them all. */
  private static final class Copy {
    private final OperatorConfig from;
    private Set<String> watchNamespaces;
    private boolean leaderElect;
    private String metricsBindAddress;
    private String healthProbeBindAddress;
    private HostSettings hostSettings;
    private HostTimeouts hostTimeouts;
    private Lease lease;
    private int reconcileThreads;

    Copy(OperatorConfig from) {
      this.from = from;
      watchNamespaces = from.watchNamespaces;
      leaderElect = from.leaderElect;
      metricsBindAddress = from.metricsBindAddress;
      healthProbeBindAddress = from.healthProbeBindAddress;
      hostSettings = from.hostSettings;
      hostTimeouts = from.hostTimeouts;
      lease = from.lease;
      reconcileThreads = from.reconcileThreads;
    }

    Copy watchNamespaces(Set<String> value) {
      watchNamespaces = value;
      return this;
    }

    Copy leaderElect(boolean value) {
      leaderElect = value;
      return this;
    }

    Copy metricsBindAddress(String value) {
      metricsBindAddress = value;
      return this;
    }

    Copy healthProbeBindAddress(String value) {
      healthProbeBindAddress = value;
      return this;
    }

    Copy hostSettings(HostSettings value) {
      hostSettings = value;
      return this;
    }

    Copy hostTimeouts(HostTimeouts value) {
      hostTimeouts = value;
      return this;
    }

    Copy lease(Lease value) {
      lease = value;
      return this;
    }

    Copy reconcileThreads(int value) {
      reconcileThreads = value;
      return this;
    }

    OperatorConfig build() {
      return new OperatorConfig(
          from.nats,
          from.hostNamespace,
          watchNamespaces,
          leaderElect,
          metricsBindAddress,
          healthProbeBindAddress,
          from.cpuBackpressureThreshold,
          from.memoryBackpressureThreshold,
          from.allowSharedHosts,
          from.artifactController,
          hostSettings,
          hostTimeouts,
          lease,
          reconcileThreads);
    }
  }
}
