package virga.operator.controller.workload;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.HostInterface;
import virga.crds.v1alpha1.Workload;
import virga.operator.hosts.HostApi;
import virga.operator.hosts.HostRegistry;
import virga.operator.hosts.HostRequestException;
import virga.operator.scheduling.Placement;
import virga.operator.scheduling.PlacementRequest;
import virga.operator.scheduling.Scheduler;
import virga.operator.scheduling.WitRef;
import virga.protocol.v2.HostHeartbeat;

/** Gathers the scheduler's input from the cluster and the heartbeat registry, then asks it. */
final class HostSelector {
  private static final Logger LOG = LoggerFactory.getLogger(HostSelector.class);

  private final HostApi hosts;
  private final HostRegistry registry;
  private final Scheduler scheduler;
  private final String hostNamespace;
  private final InFlightPlacements inFlight = new InFlightPlacements(Clock.systemUTC());

  HostSelector(HostApi hosts, HostRegistry registry, Scheduler scheduler, String hostNamespace) {
    this.hosts = hosts;
    this.registry = registry;
    this.scheduler = scheduler;
    this.hostNamespace = hostNamespace;
  }

  /**
   * Places {@code w} and books the choice. Replicas of the same owner and workloads per host are
   * counted from the Workload informer cache of {@code context} when there is one (a LIST per
   * placement costs O(N²) for N Workloads), else from the server, plus the choices made by
   * concurrent passes that the cache does not show yet; one placement at a time, so siblings
   * reconciled together still spread.
   */
  Placement select(KubernetesClient client, Optional<Context<Workload>> context, Workload w) {
    List<Host> all = hostObjects(client, context);
    Map<String, HostHeartbeat> heartbeats = new HashMap<>();
    for (Host h : all) {
      heartbeat(h.getHostId()).ifPresent(hb -> heartbeats.put(h.getHostId(), hb));
    }
    synchronized (inFlight) {
      WorkloadView view = WorkloadView.of(client, context);
      List<Workload> workloads = view.all();
      Map<String, Integer> ownerReplicas = ownerReplicas(workloads, w);
      Map<String, Integer> hostWorkloads = hostWorkloads(workloads);
      inFlight.addUnseen(view::get, w, ownerReplicas, hostWorkloads);
      Placement p =
          scheduler.place(
              request(w), HostCandidates.of(all, heartbeats, ownerReplicas, hostWorkloads));
      if (p instanceof Placement.Placed placed) {
        inFlight.book(w, placed.host().id());
      }
      return p;
    }
  }

  /**
   * The Host objects: from the Workload controller's Host informer ({@link
   * WorkloadReconciler#HOSTS_SOURCE}) when there is a context, else a LIST.
   */
  @SuppressWarnings("unchecked")
  List<Host> hostObjects(KubernetesClient client, Optional<Context<Workload>> context) {
    if (context.isPresent()) {
      var source =
          context
              .get()
              .eventSourceRetriever()
              .getEventSourceFor(Host.class, WorkloadReconciler.HOSTS_SOURCE);
      if (source instanceof InformerEventSource<?, ?> informer) {
        return ((InformerEventSource<Host, Workload>) informer).list(hostNamespace).toList();
      }
    }
    return client.resources(Host.class).inNamespace(hostNamespace).list().getItems();
  }

  Optional<Host> host(KubernetesClient client, Optional<Context<Workload>> context, String hostId) {
    return hostObjects(client, context).stream()
        .filter(h -> hostId.equals(h.getHostId()))
        .findFirst();
  }

  static PlacementRequest request(Workload w) {
    var spec = w.getSpec();
    List<WitRef> wits =
        spec.getHostInterfaces() == null
            ? List.of()
            : spec.getHostInterfaces().stream().map(HostSelector::wit).toList();
    return new PlacementRequest(
        w.getMetadata().getNamespace(),
        spec.getHostSelector(),
        spec.getHostId(),
        spec.getEnvironment(),
        wits);
  }

  private static WitRef wit(HostInterface hi) {
    return new WitRef(
        hi.getNamespace(), hi.getPackageName(), hi.getVersion(), hi.getInterfaces(), hi.getName());
  }

  // after an operator restart the registry is empty until hosts beat again: ask the host
  private Optional<HostHeartbeat> heartbeat(String hostId) {
    if (hostId == null) {
      return Optional.empty();
    }
    Optional<HostHeartbeat> known = registry.get(hostId);
    if (known.isPresent()) {
      return known;
    }
    try {
      HostHeartbeat hb = hosts.heartbeat(hostId);
      registry.onHeartbeat(hostId, hb);
      return Optional.of(hb);
    } catch (HostRequestException e) {
      LOG.debug("no heartbeat from host {}: {}", hostId, e.getMessage());
      return Optional.empty();
    }
  }

  static Optional<String> controllerUid(Workload w) {
    List<OwnerReference> refs = w.getMetadata().getOwnerReferences();
    if (refs == null) {
      return Optional.empty();
    }
    return refs.stream()
        .filter(r -> Boolean.TRUE.equals(r.getController()))
        .map(OwnerReference::getUid)
        .findFirst();
  }

  /**
   * Per host id, the Workloads of {@code w}'s owner in {@code workloads} placed there (owner UIDs
   * are unique in the cluster, so {@code workloads} may span namespaces).
   */
  static Map<String, Integer> ownerReplicas(List<Workload> workloads, Workload w) {
    Map<String, Integer> out = new HashMap<>();
    Optional<String> owner = controllerUid(w);
    if (owner.isEmpty()) {
      return out;
    }
    for (Workload other : workloads) {
      if (owner.equals(controllerUid(other))
          && !other.getMetadata().getUid().equals(w.getMetadata().getUid())) {
        hostId(other).ifPresent(id -> out.merge(id, 1, Integer::sum));
      }
    }
    return out;
  }

  /** Per host id, the Workloads in {@code workloads} placed there. */
  static Map<String, Integer> hostWorkloads(List<Workload> workloads) {
    Map<String, Integer> out = new HashMap<>();
    for (Workload w : workloads) {
      hostId(w).ifPresent(id -> out.merge(id, 1, Integer::sum));
    }
    return out;
  }

  /** The host {@code w} is placed on, if its status names one. */
  static Optional<String> hostId(Workload w) {
    return w.getStatus() == null || w.getStatus().getHostId() == null
        ? Optional.empty()
        : Optional.of(w.getStatus().getHostId()).filter(id -> !id.isEmpty());
  }
}
