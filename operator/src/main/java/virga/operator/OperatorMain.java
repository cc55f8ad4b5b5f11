package virga.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import virga.operator.controller.host.HostSettings;
import virga.operator.hosts.HostTimeouts;
import virga.operator.nats.NatsSettings;

/**
 * {@code java -jar virga-operator-all.jar}: the operator, with wasmCloud's {@code cmd/main.go}
 * flags. Kubernetes is found as kubectl finds it (KUBECONFIG, ~/.kube/config) or in-cluster.
 */
@Command(
    name = "virga-operator",
    mixinStandardHelpOptions = true,
    versionProvider = OperatorMain.Version.class,
    description = "Runs the Virga operator for runtime.wasmcloud.dev/v1alpha1 resources.",
    sortOptions = false)
public final class OperatorMain implements Callable<Integer> {
  /** Environment variable naming the operator's own namespace. */
  public static final String NAMESPACE_ENV = "OPERATOR_NAMESPACE";

  @Option(
      names = "--nats-url",
      defaultValue = NatsSettings.DEFAULT_URL,
      description = "NATS server URL(s), comma separated (default: ${DEFAULT-VALUE}).")
  String natsUrl;

  @Option(names = "--nats-creds", description = "NATS credentials (.creds) file.")
  Path natsCreds;

  @Option(names = "--nats-ca", description = "PEM file of CA certificates to trust for NATS TLS.")
  Path natsCa;

  @Option(names = "--nats-client-cert", description = "PEM client certificate for NATS mTLS.")
  Path natsClientCert;

  @Option(names = "--nats-client-key", description = "PEM private key of the client certificate.")
  Path natsClientKey;

  @Option(names = "--nats-tls-first", description = "TLS handshake before the NATS INFO exchange.")
  boolean natsTlsFirst;

  @Option(names = "--leader-elect", description = "Hold a Lease so only one replica is active.")
  boolean leaderElect;

  @Option(
      names = "--metrics-bind-address",
      defaultValue = ":8081",
      description = "Address of /metrics; 0 disables it (default: ${DEFAULT-VALUE}).")
  String metricsBindAddress;

  @Option(
      names = "--health-probe-bind-address",
      defaultValue = ":8082",
      description = "Address of /healthz and /readyz; 0 disables it (default: ${DEFAULT-VALUE}).")
  String healthProbeBindAddress;

  @Option(names = "--json-log", description = "Log one JSON object per line.")
  boolean jsonLog;

  @Option(
      names = "--cpu-backpressure-threshold",
      defaultValue = "80",
      description = "Hosts above this CPU usage (percent) get no new workloads (default: 80).")
  int cpuBackpressureThreshold;

  @Option(
      names = "--memory-backpressure-threshold",
      defaultValue = "80",
      description = "Hosts above this memory usage (percent) get no new workloads (default: 80).")
  int memoryBackpressureThreshold;

  @Option(
      names = "--disable-artifact-controller",
      description = "Leave Artifacts to an external controller.")
  boolean disableArtifactController;

  @Option(
      names = "--watch-namespaces",
      split = ",",
      description =
          "Namespaces to watch, comma separated (default: all); host pods are watched in"
              + " --host-namespace too.")
  List<String> watchNamespaces = List.of();

  @Option(
      names = "--host-namespace",
      defaultValue = "${env:" + NAMESPACE_ENV + "}",
      description = "Namespace of the Host objects (default: $" + NAMESPACE_ENV + ").")
  String hostNamespace;

  @Option(
      names = "--allow-shared-hosts",
      arity = "0..1",
      defaultValue = "true",
      fallbackValue = "true",
      description = "Let workloads without an environment use any host (default: true).")
  boolean allowSharedHosts;

  @Option(
      names = "--heartbeat-ttl",
      defaultValue = "20s",
      converter = DurationConverter.class,
      description =
          "How long a host may go without a heartbeat or an answer before it is unreachable and"
              + " its workloads move (default: ${DEFAULT-VALUE}; hosts heartbeat every 15s;"
              + " wasmCloud: 60s).")
  Duration heartbeatTtl;

  @Option(
      names = "--host-reconcile-interval",
      defaultValue = "1m",
      converter = DurationConverter.class,
      description = "How often each Host is checked (default: 1m).")
  Duration hostReconcileInterval;

  @Option(
      names = "--reconcile-threads",
      defaultValue = "" + OperatorConfig.DEFAULT_RECONCILE_THREADS,
      description =
          "Threads the controllers' reconciles share; each mostly waits for the API server or a"
              + " host (default: ${DEFAULT-VALUE}).")
  int reconcileThreads;

  public static void main(String[] args) {
    commonPoolOfAtLeastTwo();
    System.exit(commandLine().execute(args));
  }

  /**
   * On one or two CPUs the common pool has a parallelism of 1 and CompletableFuture then runs every
   * async stage on a new thread: the JDK HTTP client under fabric8 started one per API response
   * (14,700 threads in a 1,000-WorkloadDeployment run). Must run before anything touches the pool;
   * an explicit {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism} wins.
   */
  static void commonPoolOfAtLeastTwo() {
    String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
    if (System.getProperty(key) == null && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(key, "2");
    }
  }

  /** The command line, for main and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new OperatorMain());
  }

  /** The configuration the flags describe; fails on inconsistent flags. */
  public OperatorConfig config() {
    NatsSettings nats =
        new NatsSettings(natsUrl, natsCreds, natsCa, natsClientCert, natsClientKey, natsTlsFirst);
    Set<String> namespaces = new LinkedHashSet<>();
    for (String ns : watchNamespaces) {
      if (!ns.isBlank()) {
        namespaces.add(ns.trim());
      }
    }
    for (int threshold : new int[] {cpuBackpressureThreshold, memoryBackpressureThreshold}) {
      if (threshold < 0 || threshold > 100) {
        throw new IllegalArgumentException("backpressure thresholds are percentages: " + threshold);
      }
    }
    HttpEndpoints.parse(metricsBindAddress);
    HttpEndpoints.parse(healthProbeBindAddress);
    return new OperatorConfig(
        nats,
        hostNamespace,
        namespaces,
        leaderElect,
        metricsBindAddress,
        healthProbeBindAddress,
        cpuBackpressureThreshold,
        memoryBackpressureThreshold,
        allowSharedHosts,
        !disableArtifactController,
        new HostSettings(heartbeatTtl, hostReconcileInterval),
        HostTimeouts.DEFAULT,
        OperatorConfig.Lease.DEFAULT,
        reconcileThreads);
  }

  @Override
  public Integer call() throws Exception {
    if (jsonLog) {
      Logging.useJson();
    }
    OperatorConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    KubernetesClient client = new KubernetesClientBuilder().build();
    VirgaOperator running = VirgaOperator.start(config, client, Clock.systemUTC());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  client.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
    return 0;
  }

  /** Reads "60s", "1m", "500ms", "2h" or an ISO-8601 duration. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      if (v.startsWith("p")) {
        return Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
      }
      var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(v);
      if (!m.matches()) {
        throw new CommandLine.TypeConversionException(
            "not a duration: " + value + " (use e.g. 500ms, 60s, 1m, 2h)");
      }
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          };
      if (d.isZero()) {
        throw new CommandLine.TypeConversionException("duration must be positive: " + value);
      }
      return d;
    }
  }

  /** The jar's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = OperatorMain.class.getPackage().getImplementationVersion();
      return new String[] {"virga-operator " + (v == null ? "dev" : v)};
    }
  }
}
