package virga.operator.controller.workload;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.crds.v1alpha1.Condition;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadStatus;
import virga.operator.conditions.ConditionResult;
import virga.operator.conditions.Conditions;
import virga.operator.conditions.Reconciliation;
import virga.operator.config.ConfigHash;
import virga.operator.controller.route.DesiredSlices;
import virga.operator.events.EventRecorder;
import virga.operator.hosts.HostApi;
import virga.operator.hosts.HostRequestException;
import virga.operator.hosts.HostUnreachableException;
import virga.operator.scheduling.Placement;
import virga.protocol.manifest.ConfigSource;
import virga.protocol.manifest.MissingConfigException;
import virga.protocol.v2.WorkloadStartResponse;
import virga.protocol.v2.WorkloadState;

/**
 * The Workload's condition functions (Config, HostSelection, Placement, Sync, Ready) and its
 * finalizer, as wasmCloud's {@code workload_controller.go}, plus config refresh: a placed Workload
 * whose referenced ConfigMap/Secret data changed gets the new data live when its host advertises
 * the extension ({@link LiveConfig}), else it is stopped and started again with the new data.
 */
final class WorkloadConditions {
  /** How long a Workload routed by a Service keeps serving once its deletion began. */
  static final Duration ROUTE_DRAIN = Duration.ofSeconds(2);

  /** How soon a Workload that has just found no host looks again. */
  static final Duration NO_HOST_RETRY = Duration.ofSeconds(3);

  private static final Logger LOG = LoggerFactory.getLogger(WorkloadConditions.class);

  private final HostApi hosts;
  private final HostSelector selector;
  private final EventRecorder events;
  private final java.util.function.Function<KubernetesClient, ConfigSource> sources;
  private final WorkloadMetrics metrics;
  private final LiveConfig liveConfig;

  WorkloadConditions(
      HostApi hosts,
      HostSelector selector,
      LiveConfig liveConfig,
      EventRecorder events,
      java.util.function.Function<KubernetesClient, ConfigSource> sources,
      WorkloadMetrics metrics) {
    this.hosts = hosts;
    this.selector = selector;
    this.liveConfig = liveConfig;
    this.events = events;
    this.sources = sources;
    this.metrics = metrics;
  }

  ConditionResult config(Workload w, Reconciliation<Workload> r) throws Exception {
    String hash;
    try {
      hash = hash(w, r.client());
    } catch (MissingConfigException e) {
      warnOnce(w, ConditionTypes.CONFIG, "ConfigNotFound", e.getMessage());
      return ConditionResult.error(e.getMessage());
    }
    WorkloadStatus s = w.getStatus();
    String recorded = annotation(w);
    if (!placed(s) || hash.equals(recorded)) {
      return ConditionResult.ok();
    }
    if (recorded == null) {
      annotate(r.client(), w, hash);
      return ConditionResult.ok();
    }
    // a placed Workload comes from the informer cache: a restart of the last passes may not be in
    // it yet, and must not be taken for another change
    Workload now = r.client().resource(w).get();
    if (now == null || hash.equals(annotation(now)) || !placed(now.getStatus())) {
      return ConditionResult.ok();
    }
    String hostId = s.getHostId();
    if (liveConfig.advertised(selector.host(r.client(), r.context(), hostId), hostId)) {
      Optional<String> failure = updateLive(w, r, hostId);
      if (failure.isEmpty()) {
        annotate(r.client(), w, hash);
        events.normal(
            w,
            "ConfigUpdated",
            "referenced ConfigMap/Secret data changed; applied on host " + hostId + " live");
        return ConditionResult.ok();
      }
      events.warning(w, "ConfigUpdateFailed", failure.get() + "; restarting instead");
    }
    // referenced data changed: replace in place with the same id, which any wasmCloud host accepts
    hosts.stop(s.getHostId(), s.getWorkloadId());
    events.normal(
        w,
        "ConfigChanged",
        "referenced ConfigMap/Secret data changed; restarting on host " + s.getHostId());
    s.setWorkloadId(null);
    r.checkpoint(); // stopped: a failed start later in the pass must leave it unplaced, to retry
    return ConditionResult.ok();
  }

  private Optional<String> updateLive(Workload w, Reconciliation<Workload> r, String hostId) {
    virga.protocol.v2.WorkloadStartRequest request;
    try {
      request = StartRequestBuilder.build(w, sources.apply(r.client()));
    } catch (MissingConfigException e) {
      return Optional.of(e.getMessage());
    }
    return liveConfig.update(hostId, w.getStatus().getWorkloadId(), request);
  }

  ConditionResult hostSelection(Workload w, Reconciliation<Workload> r) {
    WorkloadStatus s = w.getStatus();
    if (notEmpty(s.getHostId())) {
      return ConditionResult.ok();
    }
    if (!Conditions.isTrue(s, ConditionTypes.CONFIG)) {
      return ConditionResult.unknown("waiting for referenced ConfigMaps and Secrets");
    }
    String pinned = w.getSpec().getHostId();
    if (notEmpty(pinned)) {
      s.setHostId(pinned);
      selector
          .host(r.client(), r.context(), pinned)
          .ifPresent(h -> s.setEnvironment(h.getEnvironment()));
      r.checkpoint();
      return ConditionResult.ok();
    }
    Placement p = selector.select(r.client(), r.context(), w);
    if (p instanceof Placement.NoPlacement none) {
      metrics.failed(none.cause().reason());
      warnOnce(w, ConditionTypes.HOST_SELECTION, none.cause().reason(), none.message());
      r.requeueAfter(noHostRetry(s, r.now(), r.interval()));
      return ConditionResult.error(none.message());
    }
    var host = ((Placement.Placed) p).host();
    s.setHostId(host.id());
    s.setEnvironment(host.environment().isEmpty() ? null : host.environment());
    events.normal(w, "HostSelected", "selected host " + host.name() + " (" + host.id() + ")");
    // on the server before the start goes out: a retried pass must not pick another host
    r.checkpoint();
    return ConditionResult.ok();
  }

  /**
   * When a Workload without a host looks again: hosts under backpressure or not registered yet
   * often come back within seconds, so soon at first (3 s, not the 30 s interval, which held whole
   * batches back on a busy machine); then half the time it has been waiting, up to the interval, so
   * that a thousand Workloads with nowhere to go do not load the operator with passes.
   */
  static Duration noHostRetry(WorkloadStatus s, Instant now, Duration interval) {
    Duration waiting =
        Conditions.find(s, ConditionTypes.HOST_SELECTION)
            .filter(c -> "False".equals(c.getStatus()) && c.getLastTransitionTime() != null)
            .map(c -> Duration.between(c.getLastTransitionTime(), now))
            .orElse(Duration.ZERO);
    Duration half = waiting.dividedBy(2);
    if (half.compareTo(NO_HOST_RETRY) < 0) {
      return NO_HOST_RETRY;
    }
    return half.compareTo(interval) > 0 ? interval : half;
  }

  ConditionResult placement(Workload w, Reconciliation<Workload> r) throws Exception {
    WorkloadStatus s = w.getStatus();
    if (placed(s)) {
      return ConditionResult.ok();
    }
    if (!notEmpty(s.getHostId())) {
      return ConditionResult.unknown("waiting for host selection");
    }
    String hostId = s.getHostId();
    String id = w.getMetadata().getUid();
    String hash;
    virga.protocol.v2.WorkloadStartRequest request;
    try {
      hash = hash(w, r.client());
      request = StartRequestBuilder.build(w, sources.apply(r.client()));
    } catch (MissingConfigException e) {
      metrics.failed("ConfigNotFound");
      warnOnce(w, ConditionTypes.PLACEMENT, "ConfigNotFound", e.getMessage());
      return ConditionResult.error(e.getMessage());
    }
    try {
      // a start whose reply was lost may have landed: ask before sending another
      WorkloadState existing = hosts.status(hostId, id).getWorkloadStatus().getWorkloadState();
      switch (existing) {
        case WORKLOAD_STATE_RUNNING, WORKLOAD_STATE_STARTING, WORKLOAD_STATE_COMPLETED -> {
          metrics.adopted();
          return placedAs(w, r, id, hash, "adopted workload already on host " + hostId);
        }
        case WORKLOAD_STATE_STOPPING -> {
          r.forceRequeue();
          return ConditionResult.unknown("host " + hostId + " is still stopping " + id);
        }
        case WORKLOAD_STATE_ERROR -> hosts.stop(hostId, id); // frees the id for a new start
        default -> {}
      }
      WorkloadStartResponse reply = hosts.start(hostId, request);
      var status = reply.getWorkloadStatus();
      if (status.getWorkloadState() == WorkloadState.WORKLOAD_STATE_ERROR) {
        String message = "host " + hostId + " failed to start the workload: " + status.getMessage();
        metrics.failed("StartFailed");
        // no workload id: the next pass asks the host again (ERROR slot → stop → start) rather
        // than reading a workload that never ran as NOT_FOUND forever
        warnOnce(w, ConditionTypes.PLACEMENT, "StartFailed", message);
        return ConditionResult.error(message);
      }
      String assigned = status.getWorkloadId().isEmpty() ? id : status.getWorkloadId();
      metrics.placed();
      return placedAs(w, r, assigned, hash, "started on host " + hostId);
    } catch (HostRequestException e) {
      metrics.failed(e instanceof HostUnreachableException ? "HostUnreachable" : "HostError");
      warnOnce(w, ConditionTypes.PLACEMENT, "PlacementFailed", e.getMessage());
      return ConditionResult.error(e.getMessage());
    }
  }

  ConditionResult sync(Workload w, Reconciliation<Workload> r) {
    WorkloadStatus s = w.getStatus();
    if (!placed(s)) {
      return ConditionResult.unknown("workload is not placed");
    }
    if (selector.host(r.client(), r.context(), s.getHostId()).isEmpty()) {
      return ConditionResult.error("host " + s.getHostId() + " is not registered");
    }
    try {
      var status = hosts.status(s.getHostId(), s.getWorkloadId()).getWorkloadStatus();
      WorkloadState state = status.getWorkloadState();
      if (state == WorkloadState.WORKLOAD_STATE_RUNNING
          || state == WorkloadState.WORKLOAD_STATE_COMPLETED) {
        return ConditionResult.ok();
      }
      String message = notOperational(state, status.getMessage());
      if (state == WorkloadState.WORKLOAD_STATE_ERROR) {
        warnOnce(w, ConditionTypes.SYNC, "NotOperational", message);
      }
      return ConditionResult.error(message);
    } catch (HostRequestException e) {
      return ConditionResult.error(e.getMessage());
    }
  }

  /**
   * Sync's message for a workload that is not RUNNING: the state and the host's own words (a
   * service restarting, an exhausted restart budget, a pull or bind failure).
   */
  static String notOperational(WorkloadState state, String hostMessage) {
    String base = "workload is not operational: " + state.name();
    return hostMessage == null || hostMessage.isBlank() ? base : base + ": " + hostMessage;
  }

  ConditionResult ready(Workload w, Reconciliation<Workload> r) {
    WorkloadStatus s = w.getStatus();
    if (Conditions.isTrue(s, ConditionTypes.PLACEMENT)
        && Conditions.isTrue(s, ConditionTypes.SYNC)) {
      return ConditionResult.ok();
    }
    return ConditionResult.error("workload is not placed and in sync");
  }

  /** Stops the workload on its host; errors are logged and the finalizer goes anyway. */
  void finalize(Workload w, Reconciliation<Workload> r) {
    WorkloadStatus s = w.getStatus();
    if (s == null || !notEmpty(s.getHostId())) {
      return;
    }
    Optional<Duration> draining = routeDrainLeft(w, r.now());
    if (draining.isPresent()) {
      // its Service's EndpointSlices drop it first; the clients that read them need a moment
      // before the host stops serving (a pod's preStop and grace period do this job)
      r.finalizeAgainAfter(draining.get());
      return;
    }
    // even without a workloadId a start may have landed (lost reply): the id is the UID
    String id = notEmpty(s.getWorkloadId()) ? s.getWorkloadId() : w.getMetadata().getUid();
    try {
      var reply = hosts.stop(s.getHostId(), id).getWorkloadStatus();
      events.normal(
          w, "Stopped", "stop sent to host " + s.getHostId() + ": " + reply.getWorkloadState());
    } catch (HostRequestException | IllegalArgumentException e) {
      LOG.warn(
          "could not stop workload {} on host {}; it may be left on the host: {}",
          id,
          s.getHostId(),
          e.getMessage());
    }
  }

  /**
   * How much longer a Workload routed by a Service keeps serving after its deletion began: {@link
   * #ROUTE_DRAIN} from the deletion timestamp, so that no request in flight to it, or sent by a
   * client that has not yet seen the EndpointSlices without it, is refused. Empty when it is not
   * routed, was never Ready, or has drained.
   */
  static Optional<Duration> routeDrainLeft(Workload w, Instant now) {
    String deleted = w.getMetadata().getDeletionTimestamp();
    if (deleted == null
        || DesiredSlices.serviceOf(w).isEmpty()
        || !notEmpty(w.getStatus().getWorkloadId())
        || !Conditions.isTrue(w.getStatus(), ConditionTypes.READY)) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, Instant.parse(deleted).plus(ROUTE_DRAIN));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  private ConditionResult placedAs(
      Workload w, Reconciliation<Workload> r, String workloadId, String hash, String what) {
    w.getStatus().setWorkloadId(workloadId);
    annotate(r.client(), w, hash);
    events.normal(w, "Placed", what);
    r.forceStatusUpdate();
    return ConditionResult.ok();
  }

  private String hash(Workload w, KubernetesClient client) throws MissingConfigException {
    return ConfigHash.contentHash(
        w.getSpec(), w.getMetadata().getNamespace(), sources.apply(client));
  }

  private static String annotation(Workload w) {
    Map<String, String> a = w.getMetadata().getAnnotations();
    return a == null ? null : a.get(WorkloadAnnotations.CONFIG_HASH);
  }

  private static void annotate(KubernetesClient client, Workload w, String hash) {
    Map<String, String> a =
        w.getMetadata().getAnnotations() == null
            ? new HashMap<>()
            : new HashMap<>(w.getMetadata().getAnnotations());
    a.put(WorkloadAnnotations.CONFIG_HASH, hash);
    w.getMetadata().setAnnotations(a);
    String patch =
        "{\"metadata\":{\"annotations\":{\""
            + WorkloadAnnotations.CONFIG_HASH
            + "\":\""
            + hash
            + "\"}}}";
    client
        .resources(Workload.class)
        .inNamespace(w.getMetadata().getNamespace())
        .withName(w.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  // one Warning event per distinct failure, not one per requeue
  private void warnOnce(Workload w, String type, String reason, String message) {
    Optional<Condition> current = Conditions.find(w.getStatus(), type);
    boolean same =
        current
            .map(c -> "False".equals(c.getStatus()) && Objects.equals(message, c.getMessage()))
            .orElse(false);
    if (!same) {
      events.warning(w, reason, message);
    }
  }

  private static boolean placed(WorkloadStatus s) {
    return s != null && notEmpty(s.getWorkloadId());
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
