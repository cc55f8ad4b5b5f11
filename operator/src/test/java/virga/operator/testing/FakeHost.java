package virga.operator.testing;

import com.google.protobuf.Timestamp;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.protocol.HostCommand;
import virga.protocol.ProtoJson;
import virga.protocol.Protocol;
import virga.protocol.ProtocolException;
import virga.protocol.Subjects;
import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadStartResponse;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;
import virga.protocol.v2.WorkloadStatusRequest;
import virga.protocol.v2.WorkloadStatusResponse;
import virga.protocol.v2.WorkloadStopRequest;
import virga.protocol.v2.WorkloadStopResponse;

/**
 * A host that speaks the real wasmCloud v2 protocol over a real NATS connection but runs nothing:
 * it heartbeats, answers {@code runtime.host.<id>.*} like {@code washlet/mod.rs} and {@code
 * host/mod.rs}, keeps a per-workload state machine, and records every request it gets.
 *
 * <p>Rules copied from the Rust host: an empty workload id, a missing workload, an unknown command
 * or an undecodable payload get no reply at all; a start for an id already held (in any state)
 * replies ERROR; a failed start leaves an ERROR slot that blocks the id until stopped; a stop
 * replies STOPPING "Workload stopped successfully" or NOT_FOUND.
 *
 * <p>With {@link Builder#liveConfig()} it also advertises Virga's live-config extension (heartbeat
 * label {@link Protocol#CONFIG_UPDATE_LABEL}) and answers {@code workload.config}; without it, that
 * command gets no reply, as from a stock wasmCloud host.
 */
public final class FakeHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FakeHost.class);

  /** One request as received. */
  public record Received(String subject, Optional<HostCommand> command, byte[] payload) {}

  private final String id;
  private final Connection connection;
  private final Instant startedAt = Instant.now();
  private final ScheduledExecutorService timer;
  private final Map<String, Slot> workloads = new LinkedHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<WorkloadStartRequest> starts = new CopyOnWriteArrayList<>();
  private final List<WorkloadStartRequest> configUpdates = new CopyOnWriteArrayList<>();
  private final boolean liveConfig;
  private final AtomicInteger heartbeatsSent = new AtomicInteger();
  private final Dispatcher dispatcher;

  // knobs, read on the dispatcher and timer threads
  private volatile String friendlyName;
  private volatile String hostname;
  private volatile Map<String, String> labels;
  private volatile String environment;
  private volatile float cpuUsage;
  private volatile long memoryTotal;
  private volatile long memoryFree;
  private volatile List<WitInterface> imports;
  private volatile List<WitInterface> exports;
  private volatile int httpPort;
  private volatile boolean heartbeating = true;
  private volatile String startFailure;
  private volatile Duration startDelay = Duration.ZERO;
  private volatile String configFailure;

  private record Slot(WorkloadState state, String message, WorkloadStartRequest request) {}

  private FakeHost(Builder b, Connection connection) {
    this.id = b.id;
    this.connection = connection;
    this.friendlyName = b.friendlyName;
    this.hostname = b.hostname;
    this.liveConfig = b.liveConfig;
    this.labels = Map.copyOf(b.labels);
    this.environment = b.environment;
    this.cpuUsage = b.cpuUsage;
    this.memoryTotal = b.memoryTotal;
    this.memoryFree = b.memoryFree;
    this.imports = List.copyOf(b.imports);
    this.exports = List.copyOf(b.exports);
    this.httpPort = b.httpPort;
    this.timer =
        Executors.newScheduledThreadPool(
            1,
            r -> {
              Thread t = new Thread(r, "fake-host-" + b.id);
              t.setDaemon(true);
              return t;
            });
    this.dispatcher = connection.createDispatcher(this::onRequest);
    dispatcher.subscribe(Subjects.hostCommands(id));
    try {
      // the server has the subscription before a request can arrive, as with the real host;
      // without it a test's first request may find no responder on a busy machine
      connection.flush(java.time.Duration.ofSeconds(5));
    } catch (java.util.concurrent.TimeoutException notConnectedYet) {
      // the subscription is sent on connect
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long every = b.heartbeatInterval.toMillis();
    timer.scheduleAtFixedRate(this::publishHeartbeat, 0, every, TimeUnit.MILLISECONDS);
  }

  /** A builder for a host with id {@code id} (one NATS subject token). */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  public String id() {
    return id;
  }

  // ---- knobs ----

  /** Every following start replies ERROR with {@code message} (null: starts succeed again). */
  public FakeHost failStarts(String message) {
    this.startFailure = message;
    return this;
  }

  /**
   * Every following {@code workload.config} replies ERROR with {@code message} (null: updates are
   * applied again). Only for a host built with {@link Builder#liveConfig()}.
   */
  public FakeHost failConfigUpdates(String message) {
    this.configFailure = message;
    return this;
  }

  /** Starts stay STARTING this long before they reply (and while they do, a stop hands back). */
  public FakeHost startDelay(Duration delay) {
    this.startDelay = Objects.requireNonNull(delay);
    return this;
  }

  /** Stops (false) or resumes (true) the periodic heartbeat; requests are still answered. */
  public FakeHost heartbeating(boolean on) {
    this.heartbeating = on;
    return this;
  }

  public FakeHost labels(Map<String, String> labels) {
    this.labels = Map.copyOf(labels);
    return this;
  }

  public FakeHost environment(String environment) {
    this.environment = environment;
    return this;
  }

  public FakeHost cpuUsage(float percent) {
    this.cpuUsage = percent;
    return this;
  }

  public FakeHost memory(long total, long free) {
    this.memoryTotal = total;
    this.memoryFree = free;
    return this;
  }

  public FakeHost imports(List<WitInterface> imports) {
    this.imports = List.copyOf(imports);
    return this;
  }

  public FakeHost exports(List<WitInterface> exports) {
    this.exports = List.copyOf(exports);
    return this;
  }

  /** Moves a held workload to ERROR, as a plugin reporting a failure does. */
  public synchronized void failWorkload(String workloadId, String reason) {
    Slot slot = workloads.get(workloadId);
    if (slot != null) {
      workloads.put(workloadId, new Slot(WorkloadState.WORKLOAD_STATE_ERROR, reason, slot.request));
    }
  }

  /**
   * Puts a held workload in {@code state} with the host's {@code message}, as a service restart or
   * an exhausted restart budget does; status replies carry the message.
   */
  public synchronized void report(String workloadId, WorkloadState state, String message) {
    Slot slot = workloads.get(workloadId);
    if (slot != null) {
      workloads.put(workloadId, new Slot(state, message, slot.request));
    }
  }

  // ---- observations ----

  /** Every request received, in order, including ones that got no reply. */
  public List<Received> requests() {
    return List.copyOf(received);
  }

  /** Every decoded start request, in order (config, environment, images as the operator sent). */
  public List<WorkloadStartRequest> startRequests() {
    return List.copyOf(starts);
  }

  /** Every decoded {@code workload.config} request, in order, answered or not. */
  public List<WorkloadStartRequest> configRequests() {
    return List.copyOf(configUpdates);
  }

  /** The received requests of {@code command}. */
  public long count(HostCommand command) {
    return received.stream().filter(r -> r.command().equals(Optional.of(command))).count();
  }

  /** The request a held workload runs with now (its start, or the last config update applied). */
  public synchronized Optional<WorkloadStartRequest> current(String workloadId) {
    return Optional.ofNullable(workloads.get(workloadId)).map(Slot::request);
  }

  /** The state of a workload id, empty when the host does not hold it. */
  public synchronized Optional<WorkloadState> state(String workloadId) {
    return Optional.ofNullable(workloads.get(workloadId)).map(Slot::state);
  }

  /** Every held workload id and its state. */
  public synchronized Map<String, WorkloadState> workloads() {
    Map<String, WorkloadState> out = new LinkedHashMap<>();
    workloads.forEach((k, v) -> out.put(k, v.state));
    return out;
  }

  public int heartbeatsSent() {
    return heartbeatsSent.get();
  }

  /** The heartbeat as it would be published now. */
  public synchronized HostHeartbeat heartbeat() {
    long components =
        workloads.values().stream()
            .filter(s -> s.state == WorkloadState.WORKLOAD_STATE_RUNNING)
            .mapToLong(s -> s.request.getWorkload().getWitWorld().getComponentsCount())
            .sum();
    return HostHeartbeat.newBuilder()
        .setId(id)
        .setHostname(hostname)
        .setFriendlyName(friendlyName)
        .setVersion("virga-fake-host")
        .putAllLabels(labels)
        .setStartedAt(
            Timestamp.newBuilder()
                .setSeconds(startedAt.getEpochSecond())
                .setNanos(startedAt.getNano()))
        .setOsArch(System.getProperty("os.arch"))
        .setOsName(System.getProperty("os.name"))
        .setOsKernel(System.getProperty("os.version"))
        .setSystemCpuUsage(cpuUsage)
        .setSystemMemoryTotal(memoryTotal)
        .setSystemMemoryFree(memoryFree)
        .setComponentCount(components)
        .setWorkloadCount(workloads.size())
        .addAllImports(imports)
        .addAllExports(exports)
        .setHttpPort(httpPort)
        .setEnvironment(environment)
        .build();
  }

  // ---- protocol ----

  private void publishHeartbeat() {
    if (!heartbeating) {
      return;
    }
    try {
      connection.publish(Subjects.heartbeat(id), ProtoJson.encodeBytes(heartbeat()));
      heartbeatsSent.incrementAndGet();
    } catch (RuntimeException e) {
      // a host keeps beating through a broken connection; jnats buffers while reconnecting
      LOG.warn("fake host {} could not publish its heartbeat: {}", id, e.toString());
    }
  }

  private void onRequest(Message msg) {
    Optional<HostCommand> command = Subjects.parseHostCommand(msg.getSubject());
    received.add(new Received(msg.getSubject(), command, msg.getData()));
    if (command.isEmpty()) {
      LOG.info("fake host {}: unknown command on {}, no reply", id, msg.getSubject());
      return;
    }
    try {
      switch (command.get()) {
        case HEARTBEAT -> reply(msg, ProtoJson.encodeBytes(heartbeat()));
        case WORKLOAD_START -> onStart(msg);
        case WORKLOAD_STATUS -> {
          WorkloadStatusRequest req =
              ProtoJson.decode(msg.getData(), WorkloadStatusRequest.newBuilder());
          reply(msg, ProtoJson.encodeBytes(status(req.getWorkloadId())));
        }
        case WORKLOAD_STOP -> {
          WorkloadStopRequest req =
              ProtoJson.decode(msg.getData(), WorkloadStopRequest.newBuilder());
          reply(msg, ProtoJson.encodeBytes(stop(req.getWorkloadId())));
        }
        case WORKLOAD_CONFIG -> onConfig(msg);
      }
    } catch (ProtocolException e) {
      LOG.info("fake host {}: undecodable {} payload, no reply: {}", id, command, e.getMessage());
    }
  }

  private void onStart(Message msg) {
    WorkloadStartRequest req = ProtoJson.decode(msg.getData(), WorkloadStartRequest.newBuilder());
    if (!req.hasWorkload() || req.getWorkloadId().isEmpty()) {
      LOG.info("fake host {}: start without workload or workload_id, no reply", id);
      return;
    }
    starts.add(req);
    String workloadId = req.getWorkloadId();
    synchronized (this) {
      if (workloads.containsKey(workloadId)) {
        reply(
            msg,
            startReply(
                workloadId,
                WorkloadState.WORKLOAD_STATE_ERROR,
                "Workload ID ["
                    + workloadId
                    + "] already exists (the existing workload must be stopped to reuse the ID)"));
        return;
      }
      workloads.put(workloadId, new Slot(WorkloadState.WORKLOAD_STATE_STARTING, "", req));
    }
    Duration delay = startDelay;
    if (delay.isZero()) {
      reply(msg, finishStart(workloadId, req));
    } else {
      // the real host answers only when the start is done; don't block other requests meanwhile
      timer.schedule(
          () -> reply(msg, finishStart(workloadId, req)), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void onConfig(Message msg) {
    WorkloadStartRequest req = ProtoJson.decode(msg.getData(), WorkloadStartRequest.newBuilder());
    configUpdates.add(req);
    if (!liveConfig) {
      LOG.info("fake host {}: workload.config without the extension, no reply", id);
      return;
    }
    if (!req.hasWorkload() || req.getWorkloadId().isEmpty()) {
      LOG.info("fake host {}: config update without workload or workload_id, no reply", id);
      return;
    }
    reply(msg, ProtoJson.encodeBytes(updateConfig(req)));
  }

  private synchronized WorkloadStatusResponse updateConfig(WorkloadStartRequest req) {
    String workloadId = req.getWorkloadId();
    Slot slot = workloads.get(workloadId);
    String failure = configFailure;
    WorkloadStatus status;
    if (slot == null) {
      status =
          status(
              workloadId,
              WorkloadState.WORKLOAD_STATE_NOT_FOUND,
              "Workload not found: " + workloadId);
    } else if (slot.state != WorkloadState.WORKLOAD_STATE_RUNNING) {
      status =
          status(
              workloadId,
              WorkloadState.WORKLOAD_STATE_ERROR,
              "Workload is " + describe(slot.state) + ", not running");
    } else if (failure != null) {
      status = status(workloadId, WorkloadState.WORKLOAD_STATE_ERROR, failure);
    } else {
      workloads.put(workloadId, new Slot(WorkloadState.WORKLOAD_STATE_RUNNING, "", req));
      status = status(workloadId, WorkloadState.WORKLOAD_STATE_RUNNING, "Workload config updated");
    }
    return WorkloadStatusResponse.newBuilder().setWorkloadStatus(status).build();
  }

  private synchronized byte[] finishStart(String workloadId, WorkloadStartRequest req) {
    Slot slot = workloads.get(workloadId);
    String failure = startFailure;
    if (slot != null && slot.state == WorkloadState.WORKLOAD_STATE_STOPPING) {
      // a stop arrived while starting and handed the teardown back to this start
      workloads.remove(workloadId);
      return startReply(
          workloadId, WorkloadState.WORKLOAD_STATE_STOPPING, "Workload was stopped while starting");
    }
    if (failure != null) {
      workloads.put(workloadId, new Slot(WorkloadState.WORKLOAD_STATE_ERROR, failure, req));
      return startReply(workloadId, WorkloadState.WORKLOAD_STATE_ERROR, failure);
    }
    workloads.put(workloadId, new Slot(WorkloadState.WORKLOAD_STATE_RUNNING, "", req));
    return startReply(
        workloadId, WorkloadState.WORKLOAD_STATE_RUNNING, "Workload started successfully");
  }

  private synchronized WorkloadStatusResponse status(String workloadId) {
    Slot slot = workloads.get(workloadId);
    WorkloadStatus status =
        slot == null
            ? status(
                workloadId,
                WorkloadState.WORKLOAD_STATE_NOT_FOUND,
                "Workload not found: " + workloadId)
            : status(
                workloadId,
                slot.state,
                slot.message.isEmpty() ? "Workload is " + describe(slot.state) : slot.message);
    return WorkloadStatusResponse.newBuilder().setWorkloadStatus(status).build();
  }

  private synchronized WorkloadStopResponse stop(String workloadId) {
    Slot slot = workloads.get(workloadId);
    WorkloadStatus status;
    if (slot == null) {
      status = status(workloadId, WorkloadState.WORKLOAD_STATE_NOT_FOUND, "Workload not found");
    } else {
      switch (slot.state) {
        // a start in flight owns the slot; it finishes the teardown
        case WORKLOAD_STATE_STARTING ->
            workloads.put(
                workloadId, new Slot(WorkloadState.WORKLOAD_STATE_STOPPING, "", slot.request));
        case WORKLOAD_STATE_STOPPING -> {
          // a teardown is already under way
        }
        default -> workloads.remove(workloadId);
      }
      status =
          status(
              workloadId, WorkloadState.WORKLOAD_STATE_STOPPING, "Workload stopped successfully");
    }
    return WorkloadStopResponse.newBuilder().setWorkloadStatus(status).build();
  }

  private static byte[] startReply(String workloadId, WorkloadState state, String message) {
    return ProtoJson.encodeBytes(
        WorkloadStartResponse.newBuilder()
            .setWorkloadStatus(status(workloadId, state, message))
            .build());
  }

  private static WorkloadStatus status(String workloadId, WorkloadState state, String message) {
    return WorkloadStatus.newBuilder()
        .setWorkloadId(workloadId)
        .setWorkloadState(state)
        .setMessage(message)
        .build();
  }

  private static String describe(WorkloadState state) {
    String name = state.name().substring("WORKLOAD_STATE_".length()).toLowerCase();
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private void reply(Message msg, byte[] body) {
    if (msg.getReplyTo() != null) {
      connection.publish(msg.getReplyTo(), body);
    }
  }

  /** Stops heartbeating and unsubscribes; the connection stays open (the caller owns it). */
  @Override
  public void close() {
    timer.shutdownNow();
    if (dispatcher.isActive() && connection.getStatus() != Connection.Status.CLOSED) {
      connection.closeDispatcher(dispatcher);
    }
  }

  /** Builds a {@link FakeHost}. */
  public static final class Builder {
    private final String id;
    private String friendlyName;
    private String hostname = "127.0.0.1";
    private final Map<String, String> labels = new HashMap<>();
    private String environment = "";
    private float cpuUsage = 5f;
    private long memoryTotal = 8L << 30;
    private long memoryFree = 6L << 30;
    private final List<WitInterface> imports = new ArrayList<>();
    private final List<WitInterface> exports = new ArrayList<>();
    private int httpPort;
    private Duration heartbeatInterval = Duration.ofSeconds(15);
    private boolean liveConfig;

    private Builder(String id) {
      Subjects.heartbeat(id); // validates the id as a subject token
      this.id = id;
      this.friendlyName = id;
      labels.put("hostgroup", "default");
    }

    public Builder friendlyName(String name) {
      this.friendlyName = name;
      return this;
    }

    public Builder hostname(String hostname) {
      this.hostname = hostname;
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public Builder environment(String environment) {
      this.environment = environment;
      return this;
    }

    public Builder cpuUsage(float percent) {
      this.cpuUsage = percent;
      return this;
    }

    public Builder memory(long total, long free) {
      this.memoryTotal = total;
      this.memoryFree = free;
      return this;
    }

    public Builder imports(WitInterface... interfaces) {
      imports.addAll(List.of(interfaces));
      return this;
    }

    public Builder exports(WitInterface... interfaces) {
      exports.addAll(List.of(interfaces));
      return this;
    }

    /**
     * Advertises Virga's live-config extension in the heartbeat labels and answers {@code
     * workload.config}.
     */
    public Builder liveConfig() {
      this.liveConfig = true;
      labels.put(Protocol.CONFIG_UPDATE_LABEL, Protocol.CONFIG_UPDATE_VERSION);
      return this;
    }

    public Builder httpPort(int port) {
      this.httpPort = port;
      return this;
    }

    public Builder heartbeatInterval(Duration interval) {
      if (interval.isZero() || interval.isNegative()) {
        throw new IllegalArgumentException("heartbeat interval must be positive: " + interval);
      }
      this.heartbeatInterval = interval;
      return this;
    }

    /** Subscribes on {@code connection} and starts heartbeating at once. */
    public FakeHost start(Connection connection) {
      return new FakeHost(this, Objects.requireNonNull(connection, "connection"));
    }
  }

  /**
   * A WitInterface from {@code ns:pkg/a,b@version} (version optional), as wasmCloud writes them.
   */
  public static WitInterface wit(String spec) {
    int colon = spec.indexOf(':');
    int slash = spec.indexOf('/');
    int at = spec.indexOf('@');
    if (colon < 0 || slash < colon) {
      throw new IllegalArgumentException("expected ns:pkg/iface[,iface][@version]: " + spec);
    }
    WitInterface.Builder b =
        WitInterface.newBuilder()
            .setNamespace(spec.substring(0, colon))
            .setPackage(spec.substring(colon + 1, slash));
    String ifaces = at < 0 ? spec.substring(slash + 1) : spec.substring(slash + 1, at);
    b.addAllInterfaces(List.of(ifaces.split(",")));
    if (at >= 0) {
      b.setVersion(spec.substring(at + 1));
    }
    return b.build();
  }
}
