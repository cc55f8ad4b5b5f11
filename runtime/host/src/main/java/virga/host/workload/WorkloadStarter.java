package virga.host.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import virga.component.Component;
import virga.component.ComponentException;
import virga.component.core.InstanceLimits;
import virga.host.artifact.ArtifactException;
import virga.host.artifact.ArtifactRequest;
import virga.host.plugin.BoundPlugins;
import virga.host.plugin.PluginException;
import virga.host.service.RestartPolicy;
import virga.host.service.ServiceSupervisor;
import virga.plugin.WorkloadItem;
import virga.plugin.bind.TypedBindings;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Workload;
import virga.wasi.NetworkPolicy;

/**
 * The steps of one workload start (wasmCloud's lifecycle, reference §4.3): volumes, images resolved
 * and compiled (cached by digest), the service's export rule, the intra-workload link plan; the
 * network and plugin binding; instances and pools (each item instantiated once to prove it links);
 * {@code onWorkloadResolved}, the listeners, the service under its supervisor. Each step registers
 * its undo on the workload's {@link Cleanup}; the caller runs it when a step fails.
 */
final class WorkloadStarter {
  /** Thrown between steps when a stop came while starting. */
  static final class StoppedWhileStarting extends RuntimeException {
    StoppedWhileStarting() {
      super(Replies.STOPPED_WHILE_STARTING, null, false, false);
    }
  }

  private final WorkloadHost host;

  WorkloadStarter(WorkloadHost host) {
    this.host = host;
  }

  /** Runs every step for workload {@code w} reserved as {@code rec}. */
  RunningWorkload start(WorkloadRecord rec, Workload w, Cleanup cleanup) {
    Attempt a = new Attempt(rec, w, cleanup);
    a.prepare();
    a.bind();
    a.instantiate();
    return a.launch();
  }

  /** One start in progress: what each step made for the next. */
  private final class Attempt {
    private final WorkloadRecord rec;
    private final String id;
    private final Workload w;
    private final Cleanup cleanup;
    private final List<ItemSpec> specs;
    private final ItemSpec serviceSpec;
    private final Map<String, Component> compiled = new LinkedHashMap<>();
    private final Map<String, TypedBindings> bindings = new LinkedHashMap<>();
    private final List<ItemDescriptor> descriptors = new ArrayList<>();
    private final Map<String, InstanceFactory> factories = new LinkedHashMap<>();
    private final Map<String, RunningItem> components = new LinkedHashMap<>();
    private Volumes volumes;
    private LinkPlan links;
    private WorkloadNetwork network;
    private WorkloadDescriptor info;
    private BoundPlugins bound;

    Attempt(WorkloadRecord rec, Workload w, Cleanup cleanup) {
      this.rec = rec;
      this.id = rec.id;
      this.w = w;
      this.cleanup = cleanup;
      this.specs = ItemSpec.of(w);
      this.serviceSpec = specs.stream().filter(ItemSpec::service).findFirst().orElse(null);
    }

    /** Volumes, images, the export rule and the link plan. */
    void prepare() {
      checkStop();
      volumes = Volumes.prepare(w.getVolumesList(), host.settings().tempRoot());
      cleanup.push("volumes", volumes::close);
      for (ItemSpec s : specs) {
        checkStop();
        compiled.put(s.name(), compile(s, resolve(s)));
      }
      if (serviceSpec != null) {
        ServiceExports.check(compiled.get(serviceSpec.name()));
      }
      List<LinkPlan.Node> nodes = new ArrayList<>();
      for (ItemSpec s : specs) {
        Component c = compiled.get(s.name());
        nodes.add(
            new LinkPlan.Node(s.name(), s.service(), c.imports().keySet(), c.exports().keySet()));
      }
      links = LinkPlan.of(nodes);
    }

    /** The workload's network, and its items bound to the host's plugins. */
    void bind() {
      checkStop();
      Map<String, LocalResources> resources = new LinkedHashMap<>();
      specs.forEach(s -> resources.put(s.label(), s.resources()));
      network =
          WorkloadNetwork.open(
              id,
              host.settings().loopbacks(),
              WorkloadNetwork.hostLoopback(host.settings().allowHostLoopback(), resources));
      cleanup.push("network", network::close);
      for (ItemSpec s : specs) {
        TypedBindings b = new TypedBindings(host.settings().pluginTypes());
        bindings.put(s.name(), b);
        descriptors.add(
            new ItemDescriptor(
                id,
                w.getName(),
                w.getNamespace(),
                s.name(),
                s.service() ? WorkloadItem.Kind.SERVICE : WorkloadItem.Kind.COMPONENT,
                ComponentWorlds.of(compiled.get(s.name())),
                s.resources().getConfigMap(),
                s.resources().getEnvironmentMap(),
                b));
      }
      info =
          new WorkloadDescriptor(
              id,
              w.getName(),
              w.getNamespace(),
              w.getAnnotationsMap(),
              WorkloadItems.toPlugin(w.getWitWorld().getHostInterfacesList()),
              descriptors);
      try {
        bound = host.settings().binder().bind(info);
      } catch (PluginException e) {
        throw new WorkloadException(e.getMessage(), e);
      }
      cleanup.push("plugins", bound::unbind);
    }

    /** Instance factories and pools; one instance of each item. */
    void instantiate() {
      checkStop();
      for (int i = 0; i < specs.size(); i++) {
        ItemSpec s = specs.get(i);
        factories.put(s.name(), factory(s, descriptors.get(i)));
      }
      for (int i = 0; i < specs.size(); i++) {
        ItemSpec s = specs.get(i);
        if (s.service()) {
          continue;
        }
        InstanceFactory f = factories.get(s.name());
        ItemInstances pool =
            new PooledInstances(
                id,
                s.name(),
                s.label(),
                f,
                PooledInstances.config(s.poolSize(), s.maxInvocations(), s.maxConcurrency()),
                host.settings().meters());
        cleanup.push("pool of " + s.label(), pool::close);
        components.put(
            s.name(),
            new RunningItem(
                descriptors.get(i),
                f.component(),
                pool,
                WasiPackages.httpHandlerExport(f.component())));
      }
      // one instance of every item proves that all its imports are provided: a missing one fails
      // the start here, with its name, rather than the first request or the first service
      // incarnation; a component with a pool keeps it warm
      for (Map.Entry<String, InstanceFactory> e : factories.entrySet()) {
        checkStop();
        RunningItem item = components.get(e.getKey());
        if (item != null) {
          item.instances().prewarm();
        } else {
          e.getValue().create().close();
        }
      }
    }

    private InstanceFactory factory(ItemSpec s, ItemDescriptor d) {
      Component c = compiled.get(s.name());
      boolean http = !s.service() && WasiPackages.httpHandlerExport(c) != null;
      NetworkPolicy.Caller caller =
          s.service()
              ? NetworkPolicy.Caller.service(id, s.name())
              : NetworkPolicy.Caller.component(id, s.name());
      return new InstanceFactory(
          s.label(),
          c,
          WasiPackages.forComponent(c, http),
          d::environment,
          volumes.preopens(s.resources().getVolumeMountsList(), s.label()),
          network.policy(s.label(), caller, s.resources()),
          caller,
          limits(s),
          bindings.get(s.name()),
          links.linksOf(s.name()),
          factories::get,
          host.settings().output().stdout(w.getName(), s.name()),
          host.settings().output().stderr(w.getName(), s.name()),
          host.settings().shared());
    }

    /** {@code onWorkloadResolved}, the listeners, then the service. */
    RunningWorkload launch() {
      ServiceRunner runner = null;
      if (serviceSpec != null) {
        runner =
            new ServiceRunner(
                serviceSpec.label(),
                factories.get(serviceSpec.name()),
                ServiceExports.runExport(compiled.get(serviceSpec.name())));
      }
      RunningWorkload running = new RunningWorkload(info, components, runner, bound);
      try {
        bound.resolved(running);
      } catch (PluginException e) {
        throw new WorkloadException(e.getMessage(), e);
      }
      checkStop();
      for (WorkloadListener l : host.listeners()) {
        try {
          l.resolved(running);
        } catch (Exception e) {
          l.stopping(running);
          throw new WorkloadException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        cleanup.push("listener " + l, () -> l.stopping(running));
      }
      if (runner != null) {
        ServiceSupervisor supervisor =
            ServiceSupervisor.builder(id, runner)
                .policy(policy())
                .scheduler(host.settings().scheduler())
                .listener(host::serviceChanged)
                .meterRegistry(host.settings().meters())
                .build();
        running.supervisor(supervisor);
        cleanup.push("service", () -> supervisor.stop(host.settings().serviceStopTimeout()));
        checkStop();
        supervisor.start();
      }
      return running;
    }

    private void checkStop() {
      if (rec.stopRequested()) {
        throw new StoppedWhileStarting();
      }
      String failure = rec.failure();
      if (failure != null) {
        throw new WorkloadException(failure);
      }
    }

    private RestartPolicy policy() {
      RestartPolicy template = host.settings().restartPolicy();
      long max = w.getService().getMaxRestarts(); // uint64 on the wire: negative means huge
      return new RestartPolicy(
          max < 0 || max > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) max,
          template.initialBackoff(),
          template.maxBackoff(),
          template.healthyUptime());
    }
  }

  private byte[] resolve(ItemSpec s) {
    if (s.image().isBlank()) {
      throw new WorkloadException(
          s.label() + " has no image: give the path or reference of its .wasm");
    }
    try {
      return host.settings()
          .artifacts()
          .resolve(new ArtifactRequest(s.image(), s.pullPolicy(), s.pullSecret()));
    } catch (ArtifactException e) {
      throw new WorkloadException(
          "failed to pull image for " + s.label() + ": " + e.getMessage(), e);
    }
  }

  private Component compile(ItemSpec s, byte[] bytes) {
    try {
      return host.cache().compile(bytes);
    } catch (ComponentException e) {
      throw new WorkloadException(
          s.label()
              + ": image '"
              + s.image()
              + "' is not a valid WebAssembly component: "
              + e.getMessage(),
          e);
    }
  }

  private InstanceLimits limits(ItemSpec s) {
    int mb = s.resources().getMemoryLimitMb();
    long bytes = mb > 0 ? mb * 1024L * 1024L : 0;
    return new InstanceLimits(bytes, s.service() ? null : host.settings().callDeadline());
  }
}
