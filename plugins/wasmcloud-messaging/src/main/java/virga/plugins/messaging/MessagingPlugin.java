package virga.plugins.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import virga.plugin.HostPlugin;
import virga.plugin.PluginContext;
import virga.plugin.ResolvedWorkload;
import virga.plugin.Wit;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadInfo;
import virga.plugin.WorkloadItem;
import virga.plugins.messaging.broker.Broker;
import virga.plugins.messaging.broker.BrokerException;

/**
 * What both {@code wasmcloud:messaging@0.2.0} plugins do, over their {@link Broker}: serve {@code
 * consumer} (and {@code types}) to every bound item, and deliver the messages of each handler's
 * {@code subscriptions} to its {@code handle-message} export. See the module README for the config
 * keys and the differences from wasmCloud.
 */
public abstract class MessagingPlugin implements HostPlugin {
  /** The consumer interface served. */
  public static final String CONSUMER = "wasmcloud:messaging/consumer@0.2.0";

  /** The types interface served (no functions). */
  public static final String TYPES = "wasmcloud:messaging/types@0.2.0";

  /** The handler interface called. */
  public static final String HANDLER = "wasmcloud:messaging/handler@0.2.0";

  /** The annotation naming the owning WorkloadDeployment (set by the operator). */
  public static final String DEPLOYMENT_ANNOTATION = "virga.dev/deployment";

  static final String WIT = "/wit/wasmcloud-messaging-0.2.0/package.wit";

  /** How long the broker may take to confirm a handler's subscriptions. */
  static final Duration CONFIRM_WITHIN = Duration.ofSeconds(10);

  private static final AtomicInteger WORKERS = new AtomicInteger();

  private final Map<String, WorkloadState> workloads = new ConcurrentHashMap<>();
  private volatile MeterRegistry meters = new SimpleMeterRegistry();
  private volatile Admission admission = Admission.fromSettings(Map.of(), meters);
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "virga-messaging-handler-" + WORKERS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  /** What the plugin knows of one workload. */
  private static final class WorkloadState {
    final String namespace;
    final String deployment;
    final Map<String, Optional<HandlerItem>> items = new ConcurrentHashMap<>();
    final Map<String, HandlerSubscriptions> handlers = new ConcurrentHashMap<>();
    volatile ResolvedWorkload resolved;

    WorkloadState(String namespace, String deployment) {
      this.namespace = namespace;
      this.deployment = deployment;
    }
  }

  /** A bound item that exports the handler: the function to call and its settings. */
  private record HandlerItem(String function, HandlerConfig config) {}

  /**
   * The broker messages go through.
   *
   * @throws IllegalStateException saying what the host lacks when there is none
   */
  protected abstract Broker broker();

  @Override
  public WitWorld world() {
    return WitWorld.serving("wasmcloud:messaging/consumer,types@0.2.0").calling(HANDLER);
  }

  @Override
  public List<String> wit() {
    return List.of(Wit.resource(MessagingPlugin.class, WIT));
  }

  /**
   * Reads the host settings {@code max-in-flight} and {@code max-in-flight-per-component}.
   *
   * @throws IllegalArgumentException when one is not a positive number
   */
  @Override
  public void start(PluginContext context) throws Exception {
    meters = context.meterRegistry();
    admission = Admission.fromSettings(context.settings(), meters);
  }

  @Override
  public void onWorkloadBind(WorkloadInfo workload, Set<WitInterface> interfaces) {
    broker();
    String deployment = workload.annotations().get(DEPLOYMENT_ANNOTATION);
    if (deployment == null || deployment.isBlank()) {
      deployment = workload.name();
    }
    workloads.put(workload.id(), new WorkloadState(workload.namespace(), deployment));
  }

  @Override
  public void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces) {
    Broker broker = broker();
    MessagingConsumer consumer = new MessagingConsumer(broker);
    item.bindings().implement(CONSUMER, consumer);
    WorkloadState state =
        workloads.computeIfAbsent(
            item.workloadId(),
            id -> new WorkloadState(item.workloadNamespace(), item.workloadName()));
    Optional<String> function = handlerFunction(item);
    if (function.isEmpty()) {
      if (item.config().containsKey(HandlerConfig.SUBSCRIPTIONS)) {
        throw new IllegalArgumentException(
            item.kind().name().toLowerCase(java.util.Locale.ROOT)
                + " '"
                + item.name()
                + "' sets subscriptions but does not export "
                + HANDLER);
      }
      state.items.put(item.name(), Optional.empty());
      return;
    }
    state.items.put(
        item.name(), Optional.of(new HandlerItem(function.get(), readConfig(item, interfaces))));
  }

  private static HandlerConfig readConfig(WorkloadItem item, Set<WitInterface> interfaces) {
    try {
      return HandlerConfig.read(item.config(), interfaces);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "wasmcloud:messaging config of '" + item.name() + "': " + e.getMessage(), e);
    }
  }

  private static Optional<String> handlerFunction(WorkloadItem item) {
    return item.world().exports().stream()
        .filter(
            e ->
                e.namespace().equals("wasmcloud")
                    && e.packageName().equals("messaging")
                    && e.interfaces().contains("handler")
                    && (e.version() == null || e.version().startsWith("0.2.")))
        .findFirst()
        .map(e -> e.qualified("handler") + "#handle-message");
  }

  /**
   * Subscribes a handler item and returns once the broker confirmed the subscriptions: a workload
   * is Ready only when its handlers receive messages.
   */
  @Override
  public void onWorkloadResolved(ResolvedWorkload workload, String itemName) {
    WorkloadState state = workloads.get(workload.id());
    if (state == null) {
      return;
    }
    state.resolved = workload;
    subscribe(state, workload, itemName);
  }

  /** (Re)subscribes item {@code itemName} with its current settings; closes what it had. */
  private synchronized void subscribe(
      WorkloadState state, ResolvedWorkload workload, String itemName) {
    HandlerSubscriptions previous = state.handlers.remove(itemName);
    if (previous != null) {
      previous.close();
    }
    Optional<HandlerItem> handler = state.items.getOrDefault(itemName, Optional.empty());
    if (handler.isEmpty() || handler.get().config().subscriptions().isEmpty()) {
      // as in wasmCloud: no subscriptions, no subscription (not "everything")
      return;
    }
    HandlerConfig config = handler.get().config();
    Admission.GateKey key = new Admission.GateKey(state.namespace, state.deployment, itemName);
    Admission limits = admission;
    Admission.Gate gate = limits.acquire(key, config.maxInFlight());
    String group =
        config.broadcast()
            ? null
            : config.consumerGroup() != null
                ? config.consumerGroup()
                : ConsumerGroups.defaultGroup(state.namespace, state.deployment, itemName);
    HandlerSubscriptions subs =
        new HandlerSubscriptions(
            broker(),
            limits,
            gate,
            config,
            group,
            workload,
            itemName,
            handler.get().function(),
            workers,
            meters,
            key);
    try {
      subs.open(CONFIRM_WITHIN);
    } catch (BrokerException e) {
      throw new IllegalStateException(
          "cannot subscribe '"
              + itemName
              + "' to "
              + config.subscriptions()
              + ": "
              + e.getMessage(),
          e);
    }
    state.handlers.put(itemName, subs);
  }

  /**
   * Takes new {@code subscriptions}, {@code consumer_group}, {@code max_in_flight} or {@code
   * admission_wait} without a restart: the item is subscribed again (messages published between the
   * unsubscribe and the new subscription's confirmation are not delivered to it).
   */
  @Override
  public void onWorkloadConfigUpdate(WorkloadItem item, Set<WitInterface> interfaces) {
    WorkloadState state = workloads.get(item.workloadId());
    Optional<HandlerItem> current =
        state == null ? Optional.empty() : state.items.getOrDefault(item.name(), Optional.empty());
    if (current.isEmpty()) {
      return;
    }
    HandlerConfig next = readConfig(item, interfaces);
    if (next.equals(current.get().config())) {
      return;
    }
    state.items.put(item.name(), Optional.of(new HandlerItem(current.get().function(), next)));
    ResolvedWorkload workload = state.resolved;
    if (workload != null) {
      subscribe(state, workload, item.name());
    }
  }

  @Override
  public void onWorkloadUnbind(String workloadId, Set<WitInterface> interfaces) {
    WorkloadState state = workloads.remove(workloadId);
    if (state != null) {
      state.handlers.values().forEach(HandlerSubscriptions::close);
    }
  }

  @Override
  public void stop() {
    for (String id : List.copyOf(workloads.keySet())) {
      onWorkloadUnbind(id, Set.of());
    }
    workers.shutdown();
  }

  /** The subjects and queue group (null: broadcast) item {@code itemName} is subscribed with. */
  public Optional<Map.Entry<List<String>, Optional<String>>> subscriptions(
      String workloadId, String itemName) {
    WorkloadState state = workloads.get(workloadId);
    HandlerSubscriptions s = state == null ? null : state.handlers.get(itemName);
    return s == null
        ? Optional.empty()
        : Optional.of(Map.entry(s.subjects(), Optional.ofNullable(s.queueGroup())));
  }

  /** The host-wide ceiling in force (host setting {@code max-in-flight}). */
  public int maxInFlight() {
    return admission.hostTotal();
  }

  /** The per-component ceiling in force (host setting {@code max-in-flight-per-component}). */
  public int maxInFlightPerComponent() {
    return admission.perComponent();
  }
}
