package virga.host.standalone;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nats.client.Connection;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;
import virga.host.artifact.ArtifactResolver;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.health.Health;
import virga.host.ingress.HostRouter;
import virga.host.nats.NatsConnector;
import virga.host.nats.NatsEndpoint;
import virga.host.plugin.PluginRegistry;
import virga.host.plugin.PluginSetup;
import virga.host.workload.WorkloadHost;
import virga.host.workload.WorkloadListener;
import virga.protocol.manifest.ManifestException;
import virga.protocol.manifest.StandaloneManifest;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;
import virga.wasi.http.HttpServer;
import virga.wasi.http.HttpServerConfig;

/**
 * {@code bin/host run MANIFEST.yaml}: the workloads of a manifest (what {@code kubectl apply}
 * takes) on one in-process host, with no Kubernetes and no NATS. The manifest becomes the
 * protocol's start requests exactly as the operator builds them, so standalone and cluster mode
 * take the same path into the host; HTTP components are served on one listener, routed by {@code
 * Host} header.
 */
public final class StandaloneHost implements AutoCloseable {
  /**
   * What to run and how.
   *
   * @param manifest a manifest file or a directory of them
   * @param configPaths files or directories with more ConfigMaps and Secrets
   * @param httpAddress where HTTP components are served
   * @param metricsAddress where {@code /metrics} is served, or null for nowhere
   * @param plugins where plugins come from ({@code --plugins-dir}) and their settings
   * @param allowHostLoopback whether {@code host.wasmcloud.internal} reaches the machine
   * @param progress where progress lines go
   * @param artifacts reads images given the manifest's directory (paths relative to it); OCI
   *     references too when the CLI passes its registry settings
   * @param tls TLS for the HTTP listener, or null for plain HTTP
   * @param dataNats the data-plane NATS shared with plugins, or null for none
   * @param compileCacheDir where compiled code is kept across runs, or null for memory only
   */
  public record Options(
      Path manifest,
      List<Path> configPaths,
      InetSocketAddress httpAddress,
      InetSocketAddress metricsAddress,
      PluginSetup plugins,
      boolean allowHostLoopback,
      Consumer<String> progress,
      Function<Path, ArtifactResolver> artifacts,
      SslContext tls,
      NatsEndpoint dataNats,
      Path compileCacheDir) {
    public Options {
      Objects.requireNonNull(manifest, "manifest");
      Objects.requireNonNull(plugins, "plugins");
      configPaths = List.copyOf(configPaths);
      Objects.requireNonNull(httpAddress, "httpAddress");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(artifacts, "artifacts");
    }

    /** Options that keep compiled code in memory only. */
    public Options(
        Path manifest,
        List<Path> configPaths,
        InetSocketAddress httpAddress,
        InetSocketAddress metricsAddress,
        PluginSetup plugins,
        boolean allowHostLoopback,
        Consumer<String> progress,
        Function<Path, ArtifactResolver> artifacts,
        SslContext tls,
        NatsEndpoint dataNats) {
      this(
          manifest,
          configPaths,
          httpAddress,
          metricsAddress,
          plugins,
          allowHostLoopback,
          progress,
          artifacts,
          tls,
          dataNats,
          null);
    }

    /** Options for plain HTTP. */
    public Options(
        Path manifest,
        List<Path> configPaths,
        InetSocketAddress httpAddress,
        InetSocketAddress metricsAddress,
        Path pluginsDir,
        boolean allowHostLoopback,
        Consumer<String> progress,
        Function<Path, ArtifactResolver> artifacts) {
      this(
          manifest,
          configPaths,
          httpAddress,
          metricsAddress,
          PluginSetup.fromDirectory(pluginsDir),
          allowHostLoopback,
          progress,
          artifacts,
          null,
          null);
    }

    /** Options that read images from local files only. */
    public Options(
        Path manifest,
        List<Path> configPaths,
        InetSocketAddress httpAddress,
        InetSocketAddress metricsAddress,
        Path pluginsDir,
        boolean allowHostLoopback,
        Consumer<String> progress) {
      this(
          manifest,
          configPaths,
          httpAddress,
          metricsAddress,
          pluginsDir,
          allowHostLoopback,
          progress,
          LocalArtifactResolver::new);
    }
  }

  private final PrometheusMeterRegistry meters =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HostRouter router = new HostRouter(meters);
  private final Set<String> ended = ConcurrentHashMap.newKeySet();
  private final Map<String, String> lastLines = new ConcurrentHashMap<>();
  private final List<String> ids = new CopyOnWriteArrayList<>();
  private final CountDownLatch allEnded;
  private final WorkloadHost host;
  private final Connection dataConnection;
  private volatile boolean started;
  private HttpServer http;
  private MetricsEndpoint metrics;

  private StandaloneHost(Options o, List<WorkloadStartRequest> requests) {
    allEnded = new CountDownLatch(requests.size());
    PluginRegistry plugins = o.plugins().registry();
    WorkloadListener ends =
        new WorkloadListener() {
          @Override
          public void statusChanged(WorkloadStatus s) {
            if (!ids.contains(s.getWorkloadId())) {
              return;
            }
            String line = line(s);
            // while starting, startAll reports: failures become its error lines
            if (started
                && s.getWorkloadState() != WorkloadState.WORKLOAD_STATE_STARTING
                && !line.equals(lastLines.put(s.getWorkloadId(), line))) {
              o.progress().accept(line); // RUNNING, service restarts, COMPLETED, ERROR
            }
            if ((s.getWorkloadState() == WorkloadState.WORKLOAD_STATE_COMPLETED
                    || s.getWorkloadState() == WorkloadState.WORKLOAD_STATE_ERROR)
                && ended.add(s.getWorkloadId())) {
              allEnded.countDown();
            }
          }
        };
    Path base = o.manifest().toAbsolutePath().getParent();
    if (o.manifest().toFile().isDirectory()) {
      base = o.manifest().toAbsolutePath();
    }
    WorkloadHost.Builder b =
        WorkloadHost.builder()
            .plugins(plugins)
            .artifacts(o.artifacts().apply(base))
            .allowHostLoopback(o.allowHostLoopback())
            .compileCacheDir(o.compileCacheDir())
            .meterRegistry(meters)
            .listener(new IngressRoutes(router))
            .listener(ends);
    if (o.dataNats() != null) {
      o.progress().accept("data NATS: " + o.dataNats().url());
      dataConnection = NatsConnector.connectData(o.dataNats(), "virga-host-data");
    } else {
      dataConnection = null;
    }
    if (dataConnection != null) {
      b.shared(Connection.class, dataConnection);
    }
    try {
      host = b.build();
    } catch (RuntimeException e) {
      NatsConnector.closeQuietly(dataConnection);
      throw e;
    }
  }

  /**
   * Reads the manifest, starts every workload in it and serves their HTTP components; returns when
   * all are RUNNING.
   *
   * @throws ManifestException when the manifest is invalid or refers to missing config
   * @throws StartException when a workload fails to start (every other one is stopped again)
   * @throws IOException when a listener cannot bind
   */
  public static StandaloneHost start(Options o)
      throws ManifestException, StartException, IOException {
    StandaloneManifest manifest = StandaloneManifest.load(o.manifest(), o.configPaths());
    manifest.warnings().forEach(w -> o.progress().accept("warning: " + w));
    List<WorkloadStartRequest> requests = manifest.startRequests();
    if (requests.isEmpty()) {
      throw new StartException(List.of(o.manifest() + ": no workloads to run"));
    }
    StandaloneHost h = new StandaloneHost(o, requests);
    try {
      h.startAll(o, requests);
      return h;
    } catch (StartException | IOException | RuntimeException e) {
      h.close();
      throw e;
    }
  }

  private void startAll(Options o, List<WorkloadStartRequest> requests)
      throws StartException, IOException {
    List<String> failures = new ArrayList<>();
    for (WorkloadStartRequest r : requests) {
      String id = r.getWorkloadId();
      ids.add(id);
      o.progress().accept("starting " + id + describe(r));
      WorkloadStatus s = host.start(r);
      if (s.getWorkloadState() == WorkloadState.WORKLOAD_STATE_ERROR) {
        failures.add(id + ": " + s.getMessage());
      } else {
        String line = line(host.status(id));
        lastLines.put(id, line);
        o.progress().accept(line);
      }
    }
    if (!failures.isEmpty()) {
      throw new StartException(failures);
    }
    started = true;
    if (!router.hosts().isEmpty()) {
      http = HttpServer.start(router, o.httpAddress(), HttpServerConfig.DEFAULT, o.tls());
      InetSocketAddress a = http.address();
      o.progress()
          .accept(
              "serving HTTP on "
                  + (http.tls() ? "https" : "http")
                  + "://"
                  + a.getHostString()
                  + ":"
                  + a.getPort()
                  + " for hosts "
                  + String.join(", ", router.hosts().stream().sorted().toList()));
    }
    if (o.metricsAddress() != null) {
      metrics = MetricsEndpoint.start(o.metricsAddress(), meters, this::liveness, this::readiness);
      o.progress()
          .accept(
              "metrics on http://"
                  + metrics.address().getHostString()
                  + ":"
                  + metrics.address().getPort()
                  + "/metrics");
    }
  }

  private static String describe(WorkloadStartRequest r) {
    int components = r.getWorkload().getWitWorld().getComponentsCount();
    return " ("
        + components
        + (components == 1 ? " component" : " components")
        + (r.getWorkload().hasService() ? " and a service" : "")
        + ")";
  }

  private static String line(WorkloadStatus s) {
    String state = s.getWorkloadState().name().substring("WORKLOAD_STATE_".length());
    return s.getWorkloadId()
        + ": "
        + state
        + (s.getMessage().isEmpty() ? "" : " - " + s.getMessage());
  }

  /** Live ({@code /healthz}) while the process serves; a standalone host has no control loop. */
  public Health liveness() {
    return Health.ok(ids.size() + (ids.size() == 1 ? " workload" : " workloads"));
  }

  /** Ready ({@code /readyz}) once every workload of the manifest has started. */
  public Health readiness() {
    return started
        ? Health.ok("all " + ids.size() + " workloads started")
        : Health.failing("starting workloads");
  }

  /** The host the workloads run on. */
  public WorkloadHost host() {
    return host;
  }

  /** The ids of the manifest's workloads, in manifest order. */
  public List<String> workloadIds() {
    return List.copyOf(ids);
  }

  /** Where HTTP is served, or null when no workload has an HTTP component. */
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

  /**
   * Waits until every workload has ended (COMPLETED or ERROR; a workload with an HTTP component or
   * a never-ending service runs until {@link #close()}).
   */
  public void awaitEnd() throws InterruptedException {
    allEnded.await();
  }

  /** Whether every workload has ended by itself (COMPLETED or ERROR). */
  public boolean allEnded() {
    return allEnded.getCount() == 0;
  }

  /** Whether every workload ended COMPLETED (for the exit code). */
  public boolean allCompleted() {
    return ids.stream()
        .allMatch(
            id -> host.status(id).getWorkloadState() == WorkloadState.WORKLOAD_STATE_COMPLETED);
  }

  /** Stops serving, stops every workload, then the plugins. */
  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    host.close();
    NatsConnector.closeQuietly(dataConnection); // after the plugins stopped
  }

  /** Workloads that failed to start, one line each: {@code id: reason}. */
  public static final class StartException extends Exception {
    private final List<String> failures;

    StartException(List<String> failures) {
      super(String.join("\n", failures));
      this.failures = List.copyOf(failures);
    }

    /** One line per failed workload. */
    public List<String> failures() {
      return failures;
    }
  }
}
