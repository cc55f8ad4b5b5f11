package virga.operator.controller.host;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Finalizers;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.HostStatus;
import virga.crds.v1alpha1.Workload;
import virga.operator.conditions.ConditionResult;
import virga.operator.conditions.ConditionedReconciler;
import virga.operator.conditions.Conditions;
import virga.operator.conditions.Reconciliation;
import virga.operator.events.EventRecorder;
import virga.operator.hosts.HostClient;
import virga.operator.hosts.HostRequestException;
import virga.operator.nats.BusHealth;
import virga.protocol.v2.HostHeartbeat;

/**
 * Host health ({@code host_controller.go}): {@code Reporting} probes the host over NATS, {@code
 * Ready} follows it or lastSeen, and a Host that is definitely not Ready is deleted, but only once
 * the operator's own NATS connection has been up for a whole heartbeat TTL (wasmCloud PR #5502).
 * The finalizer deletes the host's Workloads so their ReplicaSets place them elsewhere.
 */
@ControllerConfiguration(name = HostReconciler.NAME, finalizerName = Finalizers.HOST)
public class HostReconciler implements Reconciler<Host>, Cleaner<Host> {
  public static final String NAME = "host";
  public static final String REASON_REMOVED = "HostRemoved";
  public static final String REASON_WORKLOAD_RELEASED = "WorkloadReleased";

  private static final Logger LOG = LoggerFactory.getLogger(HostReconciler.class);

  private final HostClient hosts;
  private final BusHealth bus;
  private final WorkloadsByHost workloads;
  private final EventRecorder events;
  private final HostStates states;
  private final HostSettings settings;
  private final ConditionedReconciler<Host, HostStatus> conditions;

  public HostReconciler(
      HostClient hosts,
      BusHealth bus,
      WorkloadsByHost workloads,
      EventRecorder events,
      HostStates states,
      HostSettings settings,
      Clock clock) {
    this.hosts = hosts;
    this.bus = bus;
    this.workloads = workloads;
    this.events = events;
    this.states = states;
    this.settings = settings;
    this.conditions =
        ConditionedReconciler.<Host, HostStatus>builder(HostStatus::new)
            .interval(settings.interval())
            .clock(clock)
            .condition(ConditionTypes.REPORTING, this::reporting)
            .condition(ConditionTypes.READY, this::ready)
            .postHook(this::recordState)
            .postHook(this::deleteUnresponsive)
            .finalizer(this::releaseWorkloads)
            .build();
  }

  /** The condition engine, for tests that drive passes without JOSDK. */
  public ConditionedReconciler<Host, HostStatus> conditions() {
    return conditions;
  }

  @Override
  public UpdateControl<Host> reconcile(Host host, Context<Host> context) throws Exception {
    return conditions.reconcile(host, context);
  }

  @Override
  public DeleteControl cleanup(Host host, Context<Host> context) throws Exception {
    return conditions.cleanup(host, context);
  }

  ConditionResult reporting(Host host, Reconciliation<Host> r) {
    if (host.getHostId() == null || host.getHostId().isBlank()) {
      return ConditionResult.error("the Host has no hostId");
    }
    try {
      HostHeartbeat heartbeat = hosts.heartbeat(host.getHostId());
      HostStatusMapping.applyStatus(host.getStatus(), heartbeat, r.now());
      r.forceStatusUpdate();
      return ConditionResult.ok();
    } catch (HostRequestException e) {
      return ConditionResult.error(e.getMessage());
    }
  }

  ConditionResult ready(Host host, Reconciliation<Host> r) {
    HostStatus status = host.getStatus();
    Instant lastSeen = status.getLastSeen();
    if (Conditions.isTrue(status, ConditionTypes.REPORTING)) {
      // look again when the TTL runs out: a host killed without a word is noticed then, not at
      // the next interval
      if (lastSeen != null) {
        r.requeueAfter(
            shorter(
                Duration.between(r.now(), lastSeen.plus(settings.heartbeatTtl())),
                settings.interval()));
      }
      return ConditionResult.ok();
    }
    if (lastSeen != null) {
      Instant deadline = lastSeen.plus(settings.heartbeatTtl());
      if (deadline.isAfter(r.now())) {
        r.requeueAfter(shorter(Duration.between(r.now(), deadline), settings.interval()));
        return ConditionResult.unknown(
            "not reporting; last heartbeat at " + lastSeen + ", unreachable after " + deadline);
      }
    }
    return ConditionResult.error(
        "no heartbeat for more than "
            + settings.heartbeatTtl().toSeconds()
            + " s"
            + (lastSeen == null ? "" : " (last at " + lastSeen + ")"));
  }

  boolean recordState(Host host, Reconciliation<Host> r) {
    states.set(
        key(host),
        Conditions.find(host.getStatus(), ConditionTypes.READY)
            .map(c -> c.getStatus())
            .orElse(null));
    return true;
  }

  boolean deleteUnresponsive(Host host, Reconciliation<Host> r) {
    // Ready may still be False from an earlier pass in the pass where Reporting came back
    if (!Conditions.isFalse(host.getStatus(), ConditionTypes.READY)
        || Conditions.isTrue(host.getStatus(), ConditionTypes.REPORTING)) {
      return true;
    }
    if (!bus.stableFor(settings.heartbeatTtl())) {
      // our own bus may be the thing that is down: every host would look dead (PR #5502)
      LOG.info(
          "Host {} looks unreachable but the NATS connection has not been up for {} s; keeping it",
          key(host),
          settings.heartbeatTtl().toSeconds());
      r.requeueAfter(shorter(settings.heartbeatTtl(), settings.interval()));
      return false;
    }
    LOG.info("deleting Host {}: no heartbeat within {}", key(host), settings.heartbeatTtl());
    events.warning(
        host, REASON_REMOVED, "Host " + host.getHostId() + " stopped reporting and was removed");
    try {
      r.client().resource(host).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
    return false;
  }

  void releaseWorkloads(Host host, Reconciliation<Host> r) {
    states.remove(key(host));
    if (host.getHostId() == null) {
      return;
    }
    for (Workload w : workloads.onHost(host.getHostId())) {
      LOG.info(
          "deleting Workload {}/{}: its host {} is gone",
          w.getMetadata().getNamespace(),
          w.getMetadata().getName(),
          host.getHostId());
      r.client().resource(w).delete();
      events.normal(
          w,
          REASON_WORKLOAD_RELEASED,
          "Host " + host.getHostId() + " was removed; the Workload is deleted to be replaced");
    }
  }

  private static String key(Host host) {
    return host.getMetadata().getNamespace() + "/" + host.getMetadata().getName();
  }

  private static Duration shorter(Duration a, Duration b) {
    Duration d = a.compareTo(b) < 0 ? a : b;
    return d.isZero() || d.isNegative() ? Duration.ofSeconds(1) : d;
  }
}
