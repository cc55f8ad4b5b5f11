package virga.operator.controller.workload;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Finalizers;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadStatus;
import virga.operator.conditions.ConditionedReconciler;
import virga.operator.config.ConfigHash;
import virga.operator.config.KubernetesConfigSource;
import virga.operator.controller.WorkloadSettings;
import virga.operator.events.EventRecorder;
import virga.operator.hosts.HostApi;
import virga.operator.hosts.HostRegistry;
import virga.operator.scheduling.Scheduler;
import virga.protocol.manifest.ConfigRef;
import virga.protocol.manifest.ConfigSource;

/**
 * Places a Workload on a host and keeps it there (conditions Config, HostSelection, Placement,
 * Sync, Ready; interval 30 s). Watches the ConfigMaps and Secrets placed Workloads refer to, so an
 * edit reaches the host within seconds.
 */
@ControllerConfiguration(name = WorkloadReconciler.NAME, finalizerName = Finalizers.WORKLOAD)
public final class WorkloadReconciler implements Reconciler<Workload>, Cleaner<Workload> {
  public static final String NAME = "workload";

  /** Primary-cache index: {@code kind/namespace/name} of each referenced ConfigMap and Secret. */
  static final String CONFIG_INDEX = "workload-config-refs";

  /**
   * The Host informer placement and Sync read Host objects from (a LIST per pass would cost the
   * server O(Workloads)); it maps no Host to any Workload, so a Host status update (one per
   * heartbeat) does not reconcile every Workload.
   */
  static final String HOSTS_SOURCE = "hosts";

  private final String hostNamespace;

  private final ConditionedReconciler<Workload, WorkloadStatus> conditions;
  private final WorkloadConditions functions;

  public WorkloadReconciler(
      HostApi hosts, HostRegistry registry, EventRecorder events, WorkloadSettings settings) {
    this(hosts, registry, events, settings, WorkloadMetrics.unscraped());
  }

  /** With placement metrics on {@code metrics}. */
  public WorkloadReconciler(
      HostApi hosts,
      HostRegistry registry,
      EventRecorder events,
      WorkloadSettings settings,
      WorkloadMetrics metrics) {
    this(hosts, registry, events, settings, KubernetesConfigSource::new, metrics);
  }

  WorkloadReconciler(
      HostApi hosts,
      HostRegistry registry,
      EventRecorder events,
      WorkloadSettings settings,
      Function<KubernetesClient, ConfigSource> sources) {
    this(hosts, registry, events, settings, sources, WorkloadMetrics.unscraped());
  }

  WorkloadReconciler(
      HostApi hosts,
      HostRegistry registry,
      EventRecorder events,
      WorkloadSettings settings,
      Function<KubernetesClient, ConfigSource> sources,
      WorkloadMetrics metrics) {
    this.hostNamespace = settings.hostNamespace();
    HostSelector selector =
        new HostSelector(
            hosts, registry, new Scheduler(settings.policy()), settings.hostNamespace());
    this.functions =
        new WorkloadConditions(
            hosts, selector, new LiveConfig(hosts, registry), events, sources, metrics);
    this.conditions =
        ConditionedReconciler.<Workload, WorkloadStatus>builder(WorkloadStatus::new)
            .interval(settings.workloadInterval())
            .condition(ConditionTypes.CONFIG, functions::config)
            .condition(ConditionTypes.HOST_SELECTION, functions::hostSelection)
            .condition(ConditionTypes.PLACEMENT, functions::placement)
            .condition(ConditionTypes.SYNC, functions::sync)
            .condition(ConditionTypes.READY, functions::ready)
            .finalizer(functions::finalize)
            .build();
  }

  /** The condition engine, for tests that drive passes by hand. */
  public ConditionedReconciler<Workload, WorkloadStatus> conditions() {
    return conditions;
  }

  @Override
  public UpdateControl<Workload> reconcile(Workload cached, Context<Workload> context)
      throws Exception {
    Workload current = current(cached, context.getClient());
    if (current == null) {
      return UpdateControl.noUpdate();
    }
    return conditions.reconcile(current, context);
  }

  /**
   * What a pass works on: the cached copy once it is placed (it keeps its host and workload id, and
   * is never started again), else what the server has now: a stale status without the host or the
   * workload id an earlier pass wrote could select another host and start the workload twice. Null
   * when the Workload is gone.
   */
  static Workload current(Workload cached, KubernetesClient client) {
    WorkloadStatus s = cached.getStatus();
    if (s != null && s.getWorkloadId() != null && !s.getWorkloadId().isEmpty()) {
      return cached;
    }
    return client.resource(cached).get();
  }

  @Override
  public DeleteControl cleanup(Workload workload, Context<Workload> context) throws Exception {
    return conditions.cleanup(workload, context);
  }

  @Override
  public List<EventSource<?, Workload>> prepareEventSources(EventSourceContext<Workload> context) {
    IndexerResourceCache<Workload> cache = context.getPrimaryCache();
    cache.addIndexer(CONFIG_INDEX, WorkloadReconciler::configKeys);
    return List.of(
        new InformerEventSource<>(configInformer(ConfigMap.class, cache, "configmaps"), context),
        new InformerEventSource<>(configInformer(Secret.class, cache, "secrets"), context),
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Host.class, Workload.class)
                .withName(HOSTS_SOURCE)
                .withNamespaces(Set.of(hostNamespace))
                .withSecondaryToPrimaryMapper((Host h) -> Set.<ResourceID>of())
                .build(),
            context));
  }

  static List<String> configKeys(Workload w) {
    return ConfigHash.references(w.getSpec(), w.getMetadata().getNamespace()).stream()
        .map(ConfigRef::indexKey)
        .toList();
  }

  private static <R extends HasMetadata> InformerEventSourceConfiguration<R> configInformer(
      Class<R> type, IndexerResourceCache<Workload> cache, String name) {
    String kind = type == ConfigMap.class ? ConfigRef.CONFIG_MAP : ConfigRef.SECRET;
    return InformerEventSourceConfiguration.from(type, Workload.class)
        .withName(name)
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper(
            (R o) -> workloadsReferring(cache, kind, o.getMetadata().getNamespace(), o))
        .build();
  }

  private static Set<ResourceID> workloadsReferring(
      IndexerResourceCache<Workload> cache, String kind, String ns, HasMetadata o) {
    String key = new ConfigRef(kind, ns, o.getMetadata().getName()).indexKey();
    return cache.byIndex(CONFIG_INDEX, key).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
