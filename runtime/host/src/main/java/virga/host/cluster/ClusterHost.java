package virga.host.cluster;

import com.google.protobuf.Message;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.host.artifact.ArtifactResolver;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.health.Health;
import virga.host.ingress.HostRouter;
import virga.host.nats.NatsConnector;
import virga.host.nats.NatsEndpoint;
import virga.host.plugin.PluginRegistry;
import virga.host.plugin.PluginSetup;
import virga.host.standalone.IngressRoutes;
import virga.host.standalone.MetricsEndpoint;
import virga.host.workload.WorkloadHost;
import virga.protocol.HostCommand;
import virga.protocol.ProtoJson;
import virga.protocol.Protocol;
import virga.protocol.ProtocolException;
import virga.protocol.Subjects;
import virga.protocol.v2.HostHeartbeat;
import virga.wasi.http.HttpServer;
import virga.wasi.http.HttpServerConfig;

/**
 * {@code bin/host cluster}: a host under the operator. It publishes its heartbeat on {@code
 * runtime.operator.heartbeat.<hostId>} at once and every 15 s, answers {@code
 * runtime.host.<hostId>.{heartbeat, workload.start, workload.status, workload.stop,
 * workload.config}} with wasmCloud's proto3 JSON, and serves the workloads' HTTP components on one
 * ingress listener, routed by {@code Host} header.
 *
 * <p>Where wasmCloud's host falls short, this one does not: the id is stable across restarts;
 * commands run concurrently, with starts bounded by a semaphore, so a long pull or compilation
 * never delays heartbeats, status or stop; a start that fails is recorded (status says ERROR with
 * the reason, not NOT_FOUND); the NATS connection reconnects forever and a failed publish is only
 * logged; {@link #close()} drains (stops every workload, unbinds the plugins) within a grace
 * period.
 */
public final class ClusterHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterHost.class);
  private static final Duration LIVENESS_MIN = Duration.ofSeconds(10);

  private final HostIdentity identity;
  private final Builder config;
  private final PrometheusMeterRegistry meters;
  private final WorkloadHost host;
  private final HttpServer http;
  private final MetricsEndpoint metrics;
  private final HeartbeatFactory heartbeats;
  private final StartSlots slots;
  private final CommandHandler handler;
  private final ExecutorService commands;
  private final ScheduledExecutorService ticker;
  private final Counter heartbeatsSent;
  private final Counter heartbeatFailures;
  private final Connection dataConnection; // shared with plugins; null without --data-nats-*
  private volatile Connection connection;
  private volatile Dispatcher dispatcher;
  private volatile boolean closed;
  private volatile long lastHeartbeat; // only written on the ticker thread
  private volatile long lastTick; // System.nanoTime() of the heartbeat loop's last run; 0 before

  private ClusterHost(Builder b) throws IOException {
    this.config = b;
    this.identity = b.identity;
    this.meters =
        b.meters != null ? b.meters : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HostRouter router = new HostRouter(meters);
    WorkloadCounts counts = new WorkloadCounts();
    PluginRegistry plugins = b.plugins != null ? b.plugins : PluginRegistry.discover(null);
    AdvertisedWorld world = AdvertisedWorld.of(plugins.plugins());
    this.dataConnection =
        b.data == null
            ? null
            : NatsConnector.connectData(b.data, "virga-host-data-" + identity.hostId());
    WorkloadHost.Builder hb =
        WorkloadHost.builder()
            .hostId(identity.hostId())
            .plugins(plugins)
            .artifacts(b.artifacts != null ? b.artifacts : new LocalArtifactResolver(Path.of("")))
            .allowHostLoopback(b.allowHostLoopback)
            .compileCacheDir(b.compileCacheDir)
            .meterRegistry(meters)
            .listener(new IngressRoutes(router))
            .listener(counts);
    if (dataConnection != null) {
      hb.shared(Connection.class, dataConnection);
    }
    try {
      this.host = hb.build();
    } catch (RuntimeException e) {
      NatsConnector.closeQuietly(dataConnection);
      throw e;
    }
    HttpServer server = null;
    MetricsEndpoint endpoint = null;
    try {
      if (b.httpAddress != null) {
        server = HttpServer.start(router, b.httpAddress, HttpServerConfig.DEFAULT, b.tls);
      }
      if (b.metricsAddress != null) {
        endpoint = MetricsEndpoint.start(b.metricsAddress, meters, this::liveness, this::readiness);
      }
    } catch (IOException | RuntimeException e) {
      if (server != null) {
        server.close();
      }
      host.close();
      NatsConnector.closeQuietly(dataConnection);
      throw e;
    }
    this.http = server;
    this.metrics = endpoint;
    HttpServer served = server;
    this.heartbeats =
        new HeartbeatFactory(
            identity,
            version(),
            labels(b),
            b.environment,
            Instant.now(),
            world,
            counts,
            host,
            () -> served == null ? 0 : served.address().getPort());
    this.slots = new StartSlots(b.maxConcurrentStarts);
    this.handler = new CommandHandler(host, slots, heartbeats::build);
    this.commands = Executors.newCachedThreadPool(daemon("virga-command"));
    this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("virga-heartbeat"));
    this.heartbeatsSent = Counter.builder("virga.cluster.heartbeats").register(meters);
    this.heartbeatFailures =
        Counter.builder("virga.cluster.heartbeat.failures")
            .description("heartbeats that could not be published (retried next interval)")
            .register(meters);
    Gauge.builder("virga.cluster.starts.waiting", slots, StartSlots::waiting)
        .description("starts waiting for a slot (--max-concurrent-starts)")
        .register(meters);
  }

  /** A builder; {@link Builder#identity} and {@link Builder#scheduler} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** max(1, min(4, cores − 1)), as wasmCloud's {@code --max-concurrent-starts}. */
  public static int defaultMaxConcurrentStarts() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
  }

  /**
   * Live ({@code /healthz}) while the heartbeat loop, the host's control loop, has run within three
   * heartbeat intervals (at least 10 s), whether or not NATS is reachable: a restart cannot fix a
   * NATS outage, but it does fix a wedged loop. A draining host stays live until it exits.
   */
  public Health liveness() {
    if (closed) {
      return Health.ok("draining");
    }
    long last = lastTick;
    if (last == 0) {
      return Health.ok("starting");
    }
    Duration age = Duration.ofNanos(System.nanoTime() - last);
    Duration limit = config.heartbeatInterval.multipliedBy(3);
    if (limit.compareTo(LIVENESS_MIN) < 0) {
      limit = LIVENESS_MIN;
    }
    return age.compareTo(limit) <= 0
        ? Health.ok("heartbeat loop ran " + age.toMillis() + " ms ago")
        : Health.failing(
            "heartbeat loop has not run for " + age.toMillis() + " ms (limit " + limit + ")");
  }

  /**
   * Ready ({@code /readyz}) while connected to the scheduler NATS with the command subscription in
   * place, so the operator can place workloads here; not while draining.
   */
  public Health readiness() {
    if (closed) {
      return Health.failing("draining");
    }
    Connection c = connection;
    Dispatcher d = dispatcher;
    if (c == null || d == null) {
      return Health.failing("not subscribed to commands yet");
    }
    Connection.Status status = c.getStatus();
    if (status != Connection.Status.CONNECTED) {
      return Health.failing("scheduler NATS " + status + " (" + config.scheduler.url() + ")");
    }
    if (!d.isActive()) {
      return Health.failing("the command subscription is closed");
    }
    return Health.ok("connected to " + c.getConnectedUrl() + ", subscribed to commands");
  }

  private void connect() throws InterruptedException {
    ConnectionListener listener =
        (conn, event) -> {
          LOG.info("control-plane NATS: {}", event);
          // the operator learns of us at once, not an interval later; never before the command
          // subscription exists (a start sent on that heartbeat would find no responder)
          // jnats calls this on its own executor, possibly after connect() returned and the
          // ticker's first heartbeat went out: a late CONNECTED then sends nothing more
          if (event == ConnectionListener.Events.CONNECTED && dispatcher != null) {
            submitHeartbeat(HeartbeatCause.FIRST_CONNECT);
          } else if (event == ConnectionListener.Events.RECONNECTED && dispatcher != null) {
            submitHeartbeat(HeartbeatCause.RECONNECT);
          }
        };
    connection =
        NatsConnector.connect(config.scheduler, "virga-host-" + identity.hostId(), listener);
    Dispatcher d = connection.createDispatcher(this::onMessage);
    d.subscribe(Subjects.hostCommands(identity.hostId()));
    try {
      connection.flush(Duration.ofSeconds(5)); // the server has the subscription before we announce
    } catch (java.util.concurrent.TimeoutException notConnectedYet) {
      // NATS is not up yet: the subscription is sent when it connects, before any heartbeat
    }
    dispatcher = d;
    long every = config.heartbeatInterval.toMillis();
    ticker.scheduleAtFixedRate(
        () -> publishHeartbeat(HeartbeatCause.INTERVAL), 0, every, TimeUnit.MILLISECONDS);
    LOG.info(
        "host {} ({}) listening on {} at {}",
        identity.hostId(),
        identity.friendlyName(),
        Subjects.hostCommands(identity.hostId()),
        config.scheduler.url());
  }

  /** Why a heartbeat is due, which decides whether one sent recently makes it redundant. */
  private enum HeartbeatCause {
    /** The fixed-rate tick: skipped when one went out less than half an interval ago. */
    INTERVAL,
    /** NATS came up for the first time: skipped when any heartbeat has already gone out. */
    FIRST_CONNECT,
    /** A new connection after a lost one: always sent, the operator may have missed the last. */
    RECONNECT
  }

  private void submitHeartbeat(HeartbeatCause cause) {
    try {
      ticker.execute(() -> publishHeartbeat(cause));
    } catch (RejectedExecutionException closing) {
      // draining: no more heartbeats
    }
  }

  /**
   * Publishes the heartbeat unless {@code cause} makes it redundant. Never throws: an exception
   * here would cancel the periodic task and silence the host.
   */
  private void publishHeartbeat(HeartbeatCause cause) {
    lastTick = System.nanoTime();
    try {
      Connection c = connection;
      if (c == null || c.getStatus() != Connection.Status.CONNECTED) {
        return; // sent again on reconnect; a backlog of stale heartbeats helps no one
      }
      long now = System.nanoTime();
      long last = lastHeartbeat;
      boolean redundant =
          switch (cause) {
            case INTERVAL -> last != 0 && now - last < config.heartbeatInterval.toNanos() / 2;
            case FIRST_CONNECT -> last != 0;
            case RECONNECT -> false;
          };
      if (redundant) {
        return;
      }
      c.publish(Subjects.heartbeat(identity.hostId()), ProtoJson.encodeBytes(heartbeats.build()));
      lastHeartbeat = now;
      heartbeatsSent.increment();
    } catch (Throwable t) {
      heartbeatFailures.increment();
      LOG.warn(
          "publishing the heartbeat failed (retried in {}): {}",
          config.heartbeatInterval,
          t.toString());
    }
  }

  private void onMessage(io.nats.client.Message msg) {
    String subject = msg.getSubject();
    Optional<HostCommand> command = Subjects.parseHostCommand(subject);
    if (command.isEmpty()) {
      LOG.warn("ignoring unknown command on {} (no reply)", subject);
      return;
    }
    Counter.builder("virga.cluster.commands")
        .tag("command", command.get().token())
        .register(meters)
        .increment();
    try {
      commands.execute(() -> answer(command.get(), msg));
    } catch (RejectedExecutionException closing) {
      LOG.info("ignoring {} while shutting down", subject);
    }
  }

  private void answer(HostCommand command, io.nats.client.Message msg) {
    Message reply;
    try {
      reply = handler.handle(command, msg.getData());
    } catch (ProtocolException e) {
      CommandHandler.undecodable(command, msg.getSubject(), e);
      return;
    } catch (RuntimeException | Error e) {
      LOG.error("{} failed", msg.getSubject(), e);
      return;
    }
    String to = msg.getReplyTo();
    if (to == null || to.isEmpty()) {
      LOG.warn("{} came without a reply subject: the answer is dropped", msg.getSubject());
      return;
    }
    try {
      connection.publish(to, ProtoJson.encodeBytes(reply));
    } catch (RuntimeException e) {
      LOG.warn("replying to {} failed (the operator retries): {}", msg.getSubject(), e.toString());
    }
  }

  /** The host's identity. */
  public HostIdentity identity() {
    return identity;
  }

  /** The workloads. */
  public WorkloadHost workloads() {
    return host;
  }

  /** The heartbeat as it would be published now. */
  public HostHeartbeat heartbeat() {
    return heartbeats.build();
  }

  /** Where the HTTP ingress listens, or null without {@code --http-addr}. */
  public InetSocketAddress httpAddress() {
    return http == null ? null : http.address();
  }

  /** Where {@code /metrics} is served, or null. */
  public InetSocketAddress metricsAddress() {
    return metrics == null ? null : metrics.address();
  }

  /** The host's meters. */
  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** The data-plane NATS settings ({@code --data-nats-*}), shared with plugins; null when unset. */
  public NatsEndpoint dataNats() {
    return config.data;
  }

  /**
   * Drains: stops answering, stops every workload (which unbinds their plugins) and then the
   * plugins, waiting at most the drain timeout; then closes the listeners and the connection.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("draining host {} (at most {})", identity.hostId(), config.drainTimeout);
    handler.drain();
    ticker.shutdownNow();
    Dispatcher d = dispatcher;
    Connection c = connection;
    if (d != null && c != null) {
      try {
        c.closeDispatcher(d);
      } catch (RuntimeException e) {
        LOG.warn("unsubscribing failed: {}", e.toString());
      }
    }
    commands.shutdownNow(); // wakes starts that wait for a slot; running ones see the host close
    Thread stopper = new Thread(host::close, "virga-drain");
    stopper.setDaemon(true);
    stopper.start();
    try {
      stopper.join(config.drainTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopper.isAlive()) {
      LOG.warn(
          "the drain did not finish within {} (--drain-timeout): exiting with workloads left",
          config.drainTimeout);
    }
    if (http != null) {
      http.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    NatsConnector.closeQuietly(c);
    NatsConnector.closeQuietly(dataConnection); // after the plugins stopped
    LOG.info("host {} stopped", identity.hostId());
  }

  private static Map<String, String> labels(Builder b) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("hostgroup", b.hostGroup);
    for (Map.Entry<String, String> e : b.labels.entrySet()) {
      if (e.getKey().equals("hostgroup") || e.getKey().equals(Protocol.CONFIG_UPDATE_LABEL)) {
        throw new IllegalArgumentException(
            "label "
                + e.getKey()
                + " is set by the host"
                + (e.getKey().equals("hostgroup") ? ": use --host-group" : "")
                + "; pick another key");
      }
      labels.put(e.getKey(), e.getValue());
    }
    labels.put(Protocol.CONFIG_UPDATE_LABEL, Protocol.CONFIG_UPDATE_VERSION);
    return labels;
  }

  /** The host's version, from the jar manifest. */
  static String version() {
    String v = ClusterHost.class.getPackage().getImplementationVersion();
    return v == null ? "0.0.0-dev" : v;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Configures a {@link ClusterHost}. */
  public static final class Builder {
    private HostIdentity identity;
    private NatsEndpoint scheduler;
    private NatsEndpoint data;
    private String hostGroup = "default";
    private String environment = "";
    private final Map<String, String> labels = new LinkedHashMap<>();
    private InetSocketAddress httpAddress;
    private InetSocketAddress metricsAddress;
    private PluginRegistry plugins;
    private boolean allowHostLoopback;
    private int maxConcurrentStarts = defaultMaxConcurrentStarts();
    private Duration drainTimeout = Duration.ofSeconds(15);
    private Duration heartbeatInterval = Protocol.HEARTBEAT_INTERVAL;
    private ArtifactResolver artifacts;
    private PrometheusMeterRegistry meters;
    private SslContext tls;
    private Path compileCacheDir;

    private Builder() {}

    /**
     * Where compiled code is kept by module digest and reused after a restart ({@code
     * --compile-cache-dir}); default null, memory only.
     */
    public Builder compileCacheDir(Path value) {
      compileCacheDir = value;
      return this;
    }

    /** TLS for the HTTP ingress ({@code --tls-cert-path/--tls-key-path}); default plain HTTP. */
    public Builder tls(SslContext value) {
      tls = value;
      return this;
    }

    /** Who the host is (required). */
    public Builder identity(HostIdentity value) {
      identity = Objects.requireNonNull(value, "identity");
      return this;
    }

    /** The control-plane NATS ({@code --scheduler-nats-*}, required). */
    public Builder scheduler(NatsEndpoint value) {
      scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /** The data-plane NATS ({@code --data-nats-*}), held for plugins; default none. */
    public Builder data(NatsEndpoint value) {
      data = value;
      return this;
    }

    /** The {@code hostgroup} label; default {@code default}. */
    public Builder hostGroup(String value) {
      hostGroup = Objects.requireNonNull(value, "hostGroup");
      return this;
    }

    /** The heartbeat's environment (the chart passes the namespace); default empty. */
    public Builder environment(String value) {
      environment = Objects.requireNonNull(value, "environment");
      return this;
    }

    /** Adds a heartbeat label ({@code --label k=v}). */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Where the HTTP ingress listens; default none (heartbeat {@code httpPort} 0). */
    public Builder httpAddress(InetSocketAddress value) {
      httpAddress = value;
      return this;
    }

    /** Where {@code /metrics} is served; default nowhere. */
    public Builder metricsAddress(InetSocketAddress value) {
      metricsAddress = value;
      return this;
    }

    /** Where the plugins come from and their settings; default: the class path's, unset. */
    public Builder plugins(PluginSetup value) {
      plugins = value.registry();
      return this;
    }

    /** The plugins, instead of discovering them (tests). */
    public Builder plugins(PluginRegistry value) {
      plugins = value;
      return this;
    }

    /** Whether {@code host.wasmcloud.internal} reaches the machine's loopback. */
    public Builder allowHostLoopback(boolean value) {
      allowHostLoopback = value;
      return this;
    }

    /**
     * How many starts may pull and compile at once; default {@link #defaultMaxConcurrentStarts}.
     */
    public Builder maxConcurrentStarts(int value) {
      maxConcurrentStarts = value;
      return this;
    }

    /** How long {@link ClusterHost#close()} waits for the workloads to stop; default 15 s. */
    public Builder drainTimeout(Duration value) {
      drainTimeout = Objects.requireNonNull(value, "drainTimeout");
      return this;
    }

    /** How often the heartbeat goes out; default 15 s (tests use less). */
    public Builder heartbeatInterval(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("the heartbeat interval must be positive");
      }
      heartbeatInterval = value;
      return this;
    }

    /** Where images come from; default local paths and {@code file://} URIs. */
    public Builder artifacts(ArtifactResolver value) {
      artifacts = value;
      return this;
    }

    /** Where the meters go; default a new Prometheus registry. */
    public Builder meters(PrometheusMeterRegistry value) {
      meters = value;
      return this;
    }

    /**
     * Starts the host: plugins, ingress, metrics, then the NATS connection (in the background when
     * NATS is not up yet), the command subscription and the heartbeat.
     *
     * @throws IOException when a listener cannot bind
     * @throws IllegalArgumentException for a bad setting (a reserved label, a TLS file)
     */
    public ClusterHost start() throws IOException, InterruptedException {
      Objects.requireNonNull(identity, "identity");
      Objects.requireNonNull(scheduler, "scheduler");
      new StartSlots(maxConcurrentStarts); // validates before anything starts
      labels(this);
      ClusterHost h = new ClusterHost(this);
      try {
        h.connect();
      } catch (InterruptedException | RuntimeException e) {
        h.close();
        throw e;
      }
      return h;
    }
  }
}
