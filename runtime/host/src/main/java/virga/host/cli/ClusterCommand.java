package virga.host.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import virga.host.cluster.ClusterHost;
import virga.host.cluster.HostIdentity;
import virga.host.nats.NatsEndpoint;

/**
 * {@code host cluster}: runs a host under the operator over NATS ({@link ClusterHost}) until Ctrl-C
 * or SIGTERM, which drain it; exit code 0 after a drain, 2 for bad flags.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run a host that the operator schedules workloads on over NATS.",
      "Heartbeats go to runtime.operator.heartbeat.<host-id>; commands come on",
      "runtime.host.<host-id>.>; HTTP components are served on --http-addr,",
      "routed by Host header. Ctrl-C or SIGTERM drains the host.",
      "Example: host cluster --scheduler-nats-url nats://nats:4222 --http-addr 0.0.0.0:9191",
      ""
    })
final class ClusterCommand implements Callable<Integer> {
  static final String DEFAULT_NATS = "nats://localhost:4222";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--scheduler-nats-url",
      paramLabel = "URL",
      defaultValue = DEFAULT_NATS,
      description = "The control-plane NATS the operator talks to (default: ${DEFAULT-VALUE}).")
  String schedulerUrl;

  @Option(
      names = "--scheduler-nats-creds",
      paramLabel = "FILE",
      description = "A NATS .creds file for the control-plane connection.")
  Path schedulerCreds;

  @Option(
      names = {"--scheduler-nats-tls-ca", "--scheduler-nats-ca"},
      paramLabel = "FILE",
      description = "PEM CA certificates to trust for the control-plane connection.")
  Path schedulerCa;

  @Option(
      names = {"--scheduler-nats-tls-cert", "--scheduler-nats-cert"},
      paramLabel = "FILE",
      description = "PEM client certificate for the control-plane connection (mutual TLS).")
  Path schedulerCert;

  @Option(
      names = {"--scheduler-nats-tls-key", "--scheduler-nats-key"},
      paramLabel = "FILE",
      description = "PEM key (PKCS#8, PKCS#1 RSA or SEC1 EC) of --scheduler-nats-tls-cert.")
  Path schedulerKey;

  @Option(
      names = "--host-group",
      paramLabel = "NAME",
      defaultValue = "default",
      description =
          "The host group, advertised as label hostgroup=NAME (default: ${DEFAULT-VALUE}).")
  String hostGroup;

  @Option(
      names = "--environment",
      paramLabel = "NAME",
      defaultValue = "",
      description = "The environment (tenant) the host serves; the chart passes the namespace.")
  String environment;

  @Option(
      names = "--host-id",
      paramLabel = "ID",
      description =
          "The stable host id used in every subject (default: $POD_NAME, else this machine's host"
              + " name; never random, so a restarted host is the same Host).")
  String hostId;

  @Option(
      names = "--host-name",
      paramLabel = "NAME",
      description =
          "The heartbeat's hostname; the chart passes the pod IP, which the operator matches on"
              + " pod deletion and routes EndpointSlices to (default: this machine's host name).")
  String hostName;

  @Option(
      names = "--friendly-name",
      paramLabel = "NAME",
      description = "The name of the Host object (default: the host id).")
  String friendlyName;

  @Option(
      names = "--label",
      paramLabel = "KEY=VALUE",
      description = "A heartbeat label for hostSelector (repeatable).")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(
      names = "--http-addr",
      paramLabel = "HOST:PORT",
      description =
          "Serve the workloads' HTTP components here, routed by Host header (default: no ingress,"
              + " heartbeat httpPort 0).")
  String httpAddr;

  @Option(
      names = "--allow-host-loopback",
      description =
          "Let workloads reach this machine's loopback through host.wasmcloud.internal on their"
              + " allowedHostLoopbackPorts.")
  boolean allowHostLoopback;

  @Option(
      names = "--max-concurrent-starts",
      paramLabel = "N",
      description =
          "How many workload starts may pull and compile at once (default: max(1, min(4, cores -"
              + " 1)) = ${DEFAULT-VALUE}); heartbeats, status and stop never wait for them.")
  int maxConcurrentStarts = ClusterHost.defaultMaxConcurrentStarts();

  @Option(
      names = "--drain-timeout",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description =
          "How long SIGTERM or Ctrl-C waits for the workloads to stop (default: ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(
      names = "--heartbeat-interval",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description =
          "How often the heartbeat goes out (default: ${DEFAULT-VALUE}, wasmCloud's); the"
              + " operator's heartbeat TTL must be a few intervals.")
  Duration heartbeatInterval;

  @Option(
      names = "--metrics-addr",
      paramLabel = "HOST:PORT",
      description = "Serve Prometheus metrics on http://HOST:PORT/metrics (default: off).")
  String metricsAddr;

  @Mixin DataNatsOptions data = new DataNatsOptions();

  @Mixin PluginOptions plugins = new PluginOptions();

  @Mixin OciOptions oci = new OciOptions();

  @Mixin TlsOptions tls = new TlsOptions();

  @Mixin CompileCacheOptions compileCache = new CompileCacheOptions();

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ClusterHost.Builder b;
    try {
      NatsEndpoint scheduler =
          new NatsEndpoint(schedulerUrl, schedulerCreds, schedulerCa, schedulerCert, schedulerKey);
      // the data plane defaults to the scheduler's NATS, as in wash host
      NatsEndpoint dataNats = data.endpoint(scheduler);
      b =
          ClusterHost.builder()
              .identity(HostIdentity.resolve(hostId, hostName, friendlyName))
              .scheduler(scheduler)
              .data(dataNats)
              .hostGroup(hostGroup)
              .environment(environment)
              .httpAddress(address("--http-addr", httpAddr))
              .tls(tls.sslContext())
              .metricsAddress(address("--metrics-addr", metricsAddr))
              .plugins(plugins.setup())
              .artifacts(oci.resolver(Path.of("")))
              .allowHostLoopback(allowHostLoopback)
              .compileCacheDir(compileCache.directory())
              .maxConcurrentStarts(maxConcurrentStarts)
              .drainTimeout(drainTimeout)
              .heartbeatInterval(heartbeatInterval);
      labels.forEach(b::label);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return CliErrors.BAD_INPUT;
    }
    ClusterHost host;
    try {
      host = b.start();
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return CliErrors.BAD_INPUT;
    }
    CountDownLatch stop = new CountDownLatch(1);
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signal -> stop.countDown());
    }
    err.println(
        "host "
            + host.identity().hostId()
            + " ("
            + host.identity().friendlyName()
            + ") on "
            + schedulerUrl);
    InetSocketAddress http = host.httpAddress();
    if (http != null) {
      String scheme = tls.certPath != null ? "https" : "http";
      err.println(
          "serving HTTP on " + scheme + "://" + http.getHostString() + ":" + http.getPort() + " ");
    }
    InetSocketAddress m = host.metricsAddress();
    if (m != null) {
      err.println("metrics on http://" + m.getHostString() + ":" + m.getPort() + "/metrics");
    }
    err.println("running; press Ctrl-C to stop");
    err.flush();
    stop.await();
    err.println("draining...");
    err.flush();
    host.close();
    err.println("stopped");
    err.flush();
    return 0;
  }

  private static InetSocketAddress address(String option, String value) {
    return value == null ? null : ManifestOptions.address(option, value);
  }
}
