package virga.operator.controller.route;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.Workload;
import virga.operator.conditions.Conditions;

/**
 * wasmCloud's {@code WorkloadRouteReconciler}: keeps the EndpointSlices of every Service that Ready
 * Workloads name in {@code spec.kubernetes.service.name}, so that the Service's cluster IP and DNS
 * name reach the hosts' HTTP ingress (which routes by the {@code host-aliases} the start request
 * carries). The primary resource is the Service; a Workload event reconciles the Service it names,
 * a Host event (address, port or readiness changed) the Services of the Workloads on that host.
 */
@ControllerConfiguration(name = WorkloadRouteReconciler.NAME)
public final class WorkloadRouteReconciler implements Reconciler<Service> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadRouteReconciler.class);

  public static final String NAME = "workload-route";
  static final String WORKLOADS = "route-workloads";
  static final String HOSTS = "route-hosts";

  private final SliceStore store;
  private final String hostNamespace;
  private final Duration resync;

  /**
   * @param store the slices, in the version the server serves ({@link SliceStore#forServer})
   * @param hostNamespace where the Host objects are
   * @param resync how often a Service with slices is checked again when nothing changed (the slices
   *     themselves are not watched: an edit by hand is undone at the latest then)
   */
  public WorkloadRouteReconciler(SliceStore store, String hostNamespace, Duration resync) {
    this.store = Objects.requireNonNull(store, "store");
    this.hostNamespace = Objects.requireNonNull(hostNamespace, "hostNamespace");
    this.resync = Objects.requireNonNull(resync, "resync");
  }

  @Override
  public UpdateControl<Service> reconcile(Service service, Context<Service> context) {
    String ns = service.getMetadata().getNamespace();
    String name = service.getMetadata().getName();
    List<Workload> workloads = List.copyOf(context.getSecondaryResources(Workload.class));
    List<Host> hosts = hosts(context).list(hostNamespace, h -> true).toList();
    List<SliceSpec> desired =
        DesiredSlices.of(ns, name, service.getMetadata().getUid(), workloads, hosts);
    SliceSync.Result r = SliceSync.sync(store, ns, name, desired);
    if (r.changed()) {
      LOG.info(
          "Service {}/{}: EndpointSlices {} ({} created, {} replaced, {} deleted)",
          ns,
          name,
          desired.stream().map(s -> s.name() + "=" + s.addresses()).toList(),
          r.created(),
          r.replaced(),
          r.deleted());
    }
    // a Service no Workload names and without slices costs nothing until a Workload names it
    return r.managing()
        ? UpdateControl.<Service>noUpdate().rescheduleAfter(resync)
        : UpdateControl.noUpdate();
  }

  @SuppressWarnings("unchecked")
  private static InformerEventSource<Host, Service> hosts(Context<Service> context) {
    return (InformerEventSource<Host, Service>)
        context.eventSourceRetriever().getEventSourceFor(Host.class, HOSTS);
  }

  @Override
  public List<EventSource<?, Service>> prepareEventSources(EventSourceContext<Service> context) {
    InformerEventSource<Workload, Service> workloads =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Workload.class, Service.class)
                .withName(WORKLOADS)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(WorkloadRouteReconciler::serviceOf)
                .withOnUpdateFilter((now, before) -> !routeKey(now).equals(routeKey(before)))
                .build(),
            context);
    InformerEventSource<Host, Service> hosts =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Host.class, Service.class)
                .withName(HOSTS)
                .withNamespaces(Set.of(hostNamespace))
                .withSecondaryToPrimaryMapper((Host h) -> servicesOn(workloads, h))
                .withOnUpdateFilter((now, before) -> !hostKey(now).equals(hostKey(before)))
                .build(),
            context);
    return List.of(workloads, hosts);
  }

  static Set<ResourceID> serviceOf(Workload w) {
    return DesiredSlices.serviceOf(w)
        .map(s -> Set.of(new ResourceID(s, w.getMetadata().getNamespace())))
        .orElse(Set.of());
  }

  /** The Services of the Workloads placed on {@code h} (any state: one may just have left). */
  static Set<ResourceID> servicesOn(InformerEventSource<Workload, Service> workloads, Host h) {
    String id = h.getHostId();
    if (id == null || id.isEmpty()) {
      return Set.of();
    }
    return workloads
        .list(w -> w.getStatus() != null && id.equals(w.getStatus().getHostId()))
        .flatMap(w -> serviceOf(w).stream())
        .collect(Collectors.toSet());
  }

  /** What of a Workload matters for routing: a change elsewhere reconciles nothing. */
  static List<Object> routeKey(Workload w) {
    return List.of(
        DesiredSlices.serviceOf(w).orElse(""),
        w.getStatus() == null || w.getStatus().getHostId() == null ? "" : w.getStatus().getHostId(),
        w.getStatus() != null && Conditions.isTrue(w.getStatus(), ConditionTypes.READY),
        w.getMetadata().getDeletionTimestamp() != null);
  }

  /** What of a Host matters for routing (not its heartbeat figures). */
  static List<Object> hostKey(Host h) {
    return List.of(
        Objects.toString(h.getHostId(), ""),
        Objects.toString(h.getHostname(), ""),
        Objects.toString(h.getHttpPort(), ""),
        DesiredSlices.serving(h));
  }
}
