package virga.host.workload;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.component.Engine;
import virga.host.artifact.ArtifactResolver;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.engine.HostEngine;
import virga.host.net.LoopbackAllocator;
import virga.host.plugin.HostPluginContext;
import virga.host.plugin.PluginBinder;
import virga.host.plugin.PluginRegistry;
import virga.host.service.Outbox;
import virga.host.service.RestartPolicy;
import virga.host.service.Scheduler;
import virga.host.service.ServiceState;
import virga.host.service.ServiceStatus;
import virga.plugin.bind.TypedBindings;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;
import virga.wasi.Wasi;

/**
 * The in-process host: starts, reports and stops workloads on behalf of the standalone CLI and the
 * NATS cluster mode, which both hand it the protocol's messages.
 *
 * <p>State machine (wasmCloud's {@code HostWorkload}, reference §3.2, made stricter): the id is
 * reserved first (STARTING), so every later failure is recorded as ERROR with its reason (wasmCloud
 * reports NOT_FOUND for a start that failed before its reservation); a second start with the id is
 * refused; a stop while starting lets the start finish as STOPPING and tears it down; a running
 * workload's service that exhausts its restart budget, or a plugin that fails the workload, makes
 * it ERROR (torn down, kept in the table with the reason until stopped); a service that exits
 * cleanly makes it COMPLETED. Starts of different workloads run concurrently, each on its caller's
 * thread: no host-wide lock is held while images are read and compiled.
 */
public final class WorkloadHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadHost.class);

  /** How long {@link #close()} waits for starts in progress to notice the stop. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

  private final Settings settings;
  private final ComponentCache cache;
  private final WorkloadStarter starter;
  private final WorkloadMetrics metrics;
  private final Map<String, WorkloadRecord> table = new ConcurrentHashMap<>();
  private final List<WorkloadListener> listeners = new CopyOnWriteArrayList<>();
  private final Outbox<WorkloadStatus> statusOutbox =
      new Outbox<>("workload status", this::notifyListeners);
  private final List<Thread> teardowns = new CopyOnWriteArrayList<>();
  private final AutoCloseable onClose;
  private volatile boolean closed;

  private WorkloadHost(Settings settings, ComponentCache cache, AutoCloseable onClose) {
    this.settings = settings;
    this.cache = cache;
    this.onClose = onClose;
    this.starter = new WorkloadStarter(this);
    this.metrics = new WorkloadMetrics(settings.meters(), this::count);
  }

  /** A builder with standalone defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The host's id. */
  public String hostId() {
    return settings.hostId();
  }

  /** The compiled components, shared by every workload. */
  public ComponentCache cache() {
    return cache;
  }

  /** Adds a listener (the HTTP ingress). */
  public void addListener(WorkloadListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener. */
  public void removeListener(WorkloadListener listener) {
    listeners.remove(listener);
  }

  /**
   * Starts the workload of {@code request} and returns when it is RUNNING, or failed (ERROR with
   * the reason, recorded under its id), or was stopped while starting (STOPPING).
   */
  public WorkloadStatus start(WorkloadStartRequest request) {
    long t0 = System.nanoTime();
    metrics.started();
    String id = request.getWorkloadId();
    if (id.isBlank()) {
      metrics.failed();
      return Replies.status(
          id, WorkloadState.WORKLOAD_STATE_ERROR, "the start request has no workload_id");
    }
    if (closed) {
      metrics.failed();
      return Replies.status(
          id, WorkloadState.WORKLOAD_STATE_ERROR, "the host is shutting down: start refused");
    }
    WorkloadRecord rec = new WorkloadRecord(id, t0, statusOutbox::add);
    synchronized (rec) { // STARTING is heard before anything a stop or the service reports
      if (table.putIfAbsent(id, rec) != null) {
        return Replies.status(id, WorkloadState.WORKLOAD_STATE_ERROR, Replies.duplicate(id));
      }
      rec.announce();
    }
    statusOutbox.deliver();
    Cleanup cleanup = new Cleanup(id);
    try {
      if (!request.hasWorkload()) {
        throw new WorkloadException("the start request has no workload");
      }
      RunningWorkload running = starter.start(rec, request.getWorkload(), cleanup);
      synchronized (rec) {
        if (rec.stopRequested()) {
          throw new WorkloadStarter.StoppedWhileStarting();
        }
        if (rec.failure() != null) {
          throw new WorkloadException(rec.failure());
        }
        rec.resolved(running, cleanup);
        rec.set(
            WorkloadState.WORKLOAD_STATE_RUNNING, Replies.is(WorkloadState.WORKLOAD_STATE_RUNNING));
        ServiceStatus early = rec.serviceWhileStarting();
        if (early != null) {
          applyService(rec, early); // what the service reported before RUNNING was recorded
        }
      }
      metrics.running(Duration.ofNanos(System.nanoTime() - t0));
      LOG.info("workload {} ({}) is running", running.name(), id);
      statusOutbox.deliver();
      return Replies.status(id, WorkloadState.WORKLOAD_STATE_RUNNING, Replies.STARTED);
    } catch (RuntimeException | Error e) {
      cleanup.close();
      String reason = reason(e);
      boolean stopped;
      synchronized (rec) { // a stop that comes now must not find it STARTING after all
        stopped = rec.stopRequested();
        if (!stopped) {
          rec.set(WorkloadState.WORKLOAD_STATE_ERROR, reason);
        }
      }
      if (stopped) {
        table.remove(id, rec);
        metrics.stopped();
        LOG.info("workload {} was stopped while starting", id);
        notifyStatus(Replies.status(id, WorkloadState.WORKLOAD_STATE_NOT_FOUND, Replies.STOPPED));
        return Replies.status(
            id, WorkloadState.WORKLOAD_STATE_STOPPING, Replies.STOPPED_WHILE_STARTING);
      }
      if (!(e instanceof WorkloadException)) {
        LOG.warn("workload {} failed to start", id, e);
      } else {
        LOG.warn("workload {} failed to start: {}", id, reason);
      }
      metrics.failed();
      statusOutbox.deliver();
      return rec.status();
    }
  }

  /** The status of workload {@code id}: NOT_FOUND when there is none. */
  public WorkloadStatus status(String id) {
    WorkloadRecord rec = table.get(id);
    if (rec == null) {
      return Replies.status(id, WorkloadState.WORKLOAD_STATE_NOT_FOUND, Replies.notFound(id));
    }
    return rec.status();
  }

  /** Every workload's status, in no particular order. */
  public List<WorkloadStatus> statuses() {
    List<WorkloadStatus> out = new ArrayList<>();
    for (WorkloadRecord r : table.values()) {
      out.add(r.status());
    }
    return out;
  }

  /** The running (or completed) workload {@code id}. */
  public Optional<RunningWorkload> running(String id) {
    WorkloadRecord rec = table.get(id);
    if (rec == null) {
      return Optional.empty();
    }
    synchronized (rec) {
      WorkloadState s = rec.state();
      boolean live =
          s == WorkloadState.WORKLOAD_STATE_RUNNING || s == WorkloadState.WORKLOAD_STATE_COMPLETED;
      return live ? Optional.ofNullable(rec.running()) : Optional.empty();
    }
  }

  /**
   * Stops workload {@code id}: a running one is torn down before this returns; a starting one is
   * marked and torn down by its start; a failed one is forgotten. Replies STOPPING, or NOT_FOUND.
   */
  public WorkloadStatus stop(String id) {
    WorkloadRecord rec = table.get(id);
    if (rec == null) {
      return Replies.status(id, WorkloadState.WORKLOAD_STATE_NOT_FOUND, Replies.notFound(id));
    }
    Cleanup cleanup;
    RunningWorkload running;
    synchronized (rec) {
      WorkloadState s = rec.state();
      if (s == WorkloadState.WORKLOAD_STATE_STARTING) {
        rec.requestStop();
        rec.set(
            WorkloadState.WORKLOAD_STATE_STOPPING,
            Replies.is(WorkloadState.WORKLOAD_STATE_STOPPING));
        LOG.info("workload {}: stop requested while starting", id);
        return Replies.status(id, WorkloadState.WORKLOAD_STATE_STOPPING, Replies.STOPPED);
      }
      if (s == WorkloadState.WORKLOAD_STATE_STOPPING) {
        return Replies.status(id, WorkloadState.WORKLOAD_STATE_STOPPING, Replies.STOPPED);
      }
      running = rec.running();
      cleanup = rec.takeCleanup();
      if (s != WorkloadState.WORKLOAD_STATE_ERROR) {
        rec.set(
            WorkloadState.WORKLOAD_STATE_STOPPING,
            Replies.is(WorkloadState.WORKLOAD_STATE_STOPPING));
      }
    }
    statusOutbox.deliver();
    if (cleanup != null) {
      cleanup.close();
    }
    Thread teardown = rec.teardown();
    if (teardown != null && teardown != Thread.currentThread()) {
      join(List.of(teardown)); // a failed workload's teardown: done before the stop replies
    }
    table.remove(id, rec);
    metrics.stopped();
    LOG.info("workload {} stopped", running != null ? running.name() + " (" + id + ")" : id);
    notifyStatus(Replies.status(id, WorkloadState.WORKLOAD_STATE_NOT_FOUND, Replies.STOPPED));
    return Replies.status(id, WorkloadState.WORKLOAD_STATE_STOPPING, Replies.STOPPED);
  }

  /**
   * Replaces the config and environment of a running workload's items, and its host interfaces'
   * config, with those of {@code workload} (a ConfigMap or Secret edit), without a restart: plugins
   * are told ({@code onWorkloadConfigUpdate}), new instances see the new environment (warm pooled
   * instances keep theirs until they are retired, as in wasmCloud). Images, volumes and pool
   * settings are not changed by this; they need a new start.
   *
   * @throws WorkloadException when the workload is not running or names an item it does not have
   *     (nothing changed then), or when a plugin failed to take the update (the values are
   *     replaced; every other plugin was told)
   */
  public WorkloadStatus updateConfig(String id, Workload workload) {
    RunningWorkload running =
        running(id)
            .orElseThrow(
                () ->
                    new WorkloadException(
                        "workload "
                            + id
                            + " is not running ("
                            + status(id).getMessage()
                            + "): its config cannot be updated"));
    ConfigUpdate.apply(running, workload);
    listeners.forEach(l -> l.configUpdated(running));
    return status(id);
  }

  /** Fails workload {@code id} for {@code reason} (a plugin's failure sink, a failed service). */
  public void fail(String id, String reason) {
    WorkloadRecord rec = table.get(id);
    if (rec == null) {
      return;
    }
    synchronized (rec) {
      WorkloadState s = rec.state();
      if (s == WorkloadState.WORKLOAD_STATE_STARTING) {
        rec.failWhileStarting(reason);
        return;
      }
      if (s != WorkloadState.WORKLOAD_STATE_RUNNING
          && s != WorkloadState.WORKLOAD_STATE_COMPLETED) {
        return;
      }
      rec.set(WorkloadState.WORKLOAD_STATE_ERROR, reason);
      Cleanup cleanup = rec.takeCleanup();
      if (cleanup != null) {
        // not on the caller's thread: it may be the service's own, which the teardown joins
        Thread t =
            new Thread(
                () -> {
                  try {
                    cleanup.close();
                  } finally {
                    teardowns.remove(Thread.currentThread());
                  }
                },
                "virga-teardown-" + id);
        t.setDaemon(true);
        teardowns.add(t);
        rec.teardown(t);
        t.start();
      }
    }
    LOG.warn("workload {} failed: {}", id, reason);
    metrics.failed();
    statusOutbox.deliver();
  }

  /** The supervisor's report on workload {@code id}'s service. */
  void serviceChanged(String id, ServiceStatus s) {
    WorkloadRecord rec = table.get(id);
    if (rec == null) {
      return;
    }
    if (s.state() == ServiceState.FAILED) {
      fail(id, firstLine(s.message()));
      return;
    }
    synchronized (rec) {
      if (rec.state() == WorkloadState.WORKLOAD_STATE_STARTING) {
        rec.serviceWhileStarting(s); // start() applies it when it records RUNNING
      } else {
        applyService(rec, s);
      }
    }
    statusOutbox.deliver();
  }

  /** Shows the service's report in a running workload's status; the caller holds {@code rec}. */
  private static void applyService(WorkloadRecord rec, ServiceStatus s) {
    WorkloadState state = rec.state();
    if (state != WorkloadState.WORKLOAD_STATE_RUNNING) {
      return;
    }
    switch (s.state()) {
      case RESTARTING -> rec.set(state, restarting(rec, s));
      case RUNNING -> rec.set(state, Replies.is(state));
      case COMPLETED ->
          rec.set(
              WorkloadState.WORKLOAD_STATE_COMPLETED,
              Replies.is(WorkloadState.WORKLOAD_STATE_COMPLETED) + ": " + s.message());
      default -> {}
    }
  }

  private static String restarting(WorkloadRecord rec, ServiceStatus s) {
    RunningWorkload w = rec.running();
    int max = w == null ? s.attempt() : w.maxRestarts();
    return "service restarting (attempt "
        + s.attempt()
        + " of "
        + max
        + ") after: "
        + (s.cause() == null ? "a crash" : firstLine(s.cause()));
  }

  /** A status message is one line: a trap's wasm backtrace stays in the log. */
  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /**
   * Stops every workload (in parallel), then the plugins. Starts after this are refused;
   * idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Thread> stoppers = new ArrayList<>();
    for (String id : List.copyOf(table.keySet())) {
      Thread t = new Thread(() -> stop(id), "virga-stop-" + id);
      t.setDaemon(true);
      stoppers.add(t);
      t.start();
    }
    join(stoppers);
    join(List.copyOf(teardowns));
    // a start that was running when close began tears itself down (it sees the stop); wait for it
    // before the plugins stop under it
    long end = System.nanoTime() + CLOSE_WAIT.toNanos();
    while (!table.isEmpty() && System.nanoTime() < end) {
      for (String id : List.copyOf(table.keySet())) {
        stop(id);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!table.isEmpty()) {
      LOG.warn("closing with workloads still starting: {}", table.keySet());
    }
    try {
      onClose.close();
    } catch (Exception e) {
      LOG.warn("stopping the plugins failed", e);
    }
  }

  private static void join(Collection<Thread> threads) {
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  Settings settings() {
    return settings;
  }

  List<WorkloadListener> listeners() {
    return listeners;
  }

  private int count(WorkloadState state) {
    int n = 0;
    for (WorkloadRecord r : table.values()) {
      if (r.state() == state) {
        n++;
      }
    }
    return n;
  }

  /** Reports a status that belongs to no record (NOT_FOUND after a stop), after earlier ones. */
  private void notifyStatus(WorkloadStatus s) {
    statusOutbox.add(s);
    statusOutbox.deliver();
  }

  private void notifyListeners(WorkloadStatus s) {
    for (WorkloadListener l : listeners) {
      try {
        l.statusChanged(s);
      } catch (RuntimeException e) {
        LOG.warn("a workload listener failed", e);
      }
    }
  }

  private static String reason(Throwable e) {
    if (e instanceof WorkloadException) {
      return e.getMessage();
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** Configures a {@link WorkloadHost}; every setting has a standalone default. */
  public static final class Builder {
    private String hostId = UUID.randomUUID().toString();
    private Engine engine;
    private Path compileCacheDir;
    private ComponentCache cache;
    private ArtifactResolver artifacts;
    private Path tempRoot = Path.of(System.getProperty("java.io.tmpdir"));
    private MeterRegistry meters;
    private GuestOutput output = GuestOutput.INHERIT;
    private Duration callDeadline = Duration.ofMinutes(10);
    private RestartPolicy restartPolicy = RestartPolicy.maxRestarts(0);
    private Scheduler scheduler = Scheduler.shared();
    private Duration serviceStopTimeout = Duration.ofSeconds(10);
    private final List<WorkloadListener> listeners = new ArrayList<>();
    private final Map<Class<?>, Object> shared = new HashMap<>();
    private PluginRegistry plugins = new PluginRegistry();
    private LoopbackAllocator loopbacks;
    private boolean allowHostLoopback;

    private Builder() {}

    /**
     * Whether workloads may reach the machine's loopback through {@code host.wasmcloud.internal} on
     * their {@code allowedHostLoopbackPorts} ({@code --allow-host-loopback}); default no.
     */
    public Builder allowHostLoopback(boolean value) {
      allowHostLoopback = value;
      return this;
    }

    /**
     * The host's plugins, started by {@link #build()} and stopped (then closed) by {@link
     * WorkloadHost#close()}; default none.
     */
    public Builder plugins(PluginRegistry value) {
      plugins = Objects.requireNonNull(value, "plugins");
      return this;
    }

    /** Where workloads' loopback addresses come from; default the whole default range. */
    public Builder loopbacks(LoopbackAllocator value) {
      loopbacks = Objects.requireNonNull(value, "loopbacks");
      return this;
    }

    /** The host's id; default a random UUID, as wasmCloud. */
    public Builder hostId(String value) {
      hostId = Objects.requireNonNull(value, "hostId");
      return this;
    }

    /**
     * The engine compiling components; default a {@link HostEngine} (with {@link
     * #compileCacheDir}), whose compilations and compile-cache hits are counted in the meters.
     */
    public Builder engine(Engine value) {
      engine = Objects.requireNonNull(value, "engine");
      return this;
    }

    /**
     * Where the default engine keeps compiled code by module digest, reused after a restart; null
     * (the default) for memory only. Ignored when {@link #engine} or {@link #cache} is given.
     */
    public Builder compileCacheDir(Path value) {
      compileCacheDir = value;
      return this;
    }

    /** A component cache to share (e.g. between hosts in one JVM); default a new one. */
    public Builder cache(ComponentCache value) {
      cache = Objects.requireNonNull(value, "cache");
      return this;
    }

    /** Where images come from; default local files relative to the working directory. */
    public Builder artifacts(ArtifactResolver value) {
      artifacts = Objects.requireNonNull(value, "artifacts");
      return this;
    }

    /** Where emptyDir volumes are created; default {@code java.io.tmpdir}. */
    public Builder tempRoot(Path value) {
      tempRoot = Objects.requireNonNull(value, "tempRoot");
      return this;
    }

    /** Where the host's meters go; default a private {@link SimpleMeterRegistry}. */
    public Builder meterRegistry(MeterRegistry value) {
      meters = Objects.requireNonNull(value, "meters");
      return this;
    }

    /** Where the guests' stdout and stderr go; default the JVM's. */
    public Builder guestOutput(GuestOutput value) {
      output = Objects.requireNonNull(value, "output");
      return this;
    }

    /**
     * How long one call into a component may run before it traps (the service's run has no
     * deadline); null for none. Default 10 minutes, as wasmCloud's ephemeral call timeout.
     */
    public Builder callDeadline(Duration value) {
      callDeadline = value;
      return this;
    }

    /**
     * The service restart backoff and healthy uptime; each workload's {@code maxRestarts} replaces
     * the budget. Default {@link RestartPolicy}'s defaults.
     */
    public Builder restartPolicy(RestartPolicy value) {
      restartPolicy = Objects.requireNonNull(value, "restartPolicy");
      return this;
    }

    /** Where service restarts wait out their backoff (tests: a fake). */
    public Builder scheduler(Scheduler value) {
      scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /** How long a stop waits for the service to end; default 10 s. */
    public Builder serviceStopTimeout(Duration value) {
      serviceStopTimeout = Objects.requireNonNull(value, "serviceStopTimeout");
      return this;
    }

    /**
     * Offers plugins {@code value} as {@link virga.plugin.PluginContext#shared} of {@code type}
     * (the data-plane NATS connection); the caller closes it after the host.
     */
    public <T> Builder shared(Class<T> type, T value) {
      shared.put(type, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds a listener from the start. */
    public Builder listener(WorkloadListener value) {
      listeners.add(Objects.requireNonNull(value, "listener"));
      return this;
    }

    /** The host. */
    public WorkloadHost build() {
      MeterRegistry m = meters != null ? meters : new SimpleMeterRegistry();
      ComponentCache c = cache != null ? cache : new ComponentCache(engine(m), m);
      Random secure = new SecureRandom();
      Settings s =
          new Settings(
              hostId,
              artifacts != null ? artifacts : new LocalArtifactResolver(Path.of("")),
              tempRoot,
              m,
              output,
              new InstanceFactory.Shared(secure, new Random()),
              callDeadline,
              restartPolicy,
              scheduler,
              serviceStopTimeout,
              loopbacks != null ? loopbacks : new LoopbackAllocator(),
              allowHostLoopback,
              plugins,
              new PluginBinder(plugins),
              TypedBindings.resolve(TypedBindings.wit(plugins.plugins()), Wasi.types()));
      WorkloadHost host = new WorkloadHost(s, c, plugins::close);
      listeners.forEach(host::addListener);
      try {
        plugins.startAll(new HostPluginContext(hostId, m, host::fail, shared));
      } catch (RuntimeException e) {
        plugins.close();
        throw e;
      }
      return host;
    }

    private Engine engine(MeterRegistry m) {
      return engine != null ? engine : HostEngine.create(compileCacheDir).bindTo(m).engine();
    }
  }
}
