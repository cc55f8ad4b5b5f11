package virga.host.workload;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import virga.component.Component;
import virga.component.ComponentInstance;
import virga.component.LinkException;
import virga.component.Linker;
import virga.component.core.InstanceLimits;
import virga.component.runtime.Item;
import virga.component.wit.HostBinder;
import virga.plugin.bind.ResourceScope;
import virga.plugin.bind.TypedBindings;
import virga.wasi.NetworkPolicy;
import virga.wasi.Preopen;
import virga.wasi.Wasi;
import virga.wasi.WasiContext;
import virga.wasi.WasiPackage;

/**
 * Makes instances of one workload item: a fresh WASI context (the item's environment, its volume
 * mounts as preopens, the workload's network policy with the item as caller), the WASI packages the
 * component imports, the plugins' host functions for the item, and a fresh instance of every
 * component serving one of its imports inside the workload; then instantiates with the item's
 * limits.
 */
final class InstanceFactory {
  /**
   * The random sources every instance shares (seeding a {@code SecureRandom} per instance would
   * cost more than the instance).
   */
  record Shared(Random secureRandom, Random insecureRandom) {}

  private final String label;
  private final Component component;
  private final List<WasiPackage> packages;
  private final Supplier<Map<String, String>> environment;
  private final List<Preopen> preopens;
  private final NetworkPolicy policy;
  private final NetworkPolicy.Caller caller;
  private final InstanceLimits limits;
  private final TypedBindings pluginBindings;
  private final List<LinkPlan.Link> links;
  private final Function<String, InstanceFactory> exporters;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final Shared shared;

  InstanceFactory(
      String label,
      Component component,
      List<WasiPackage> packages,
      Supplier<Map<String, String>> environment,
      List<Preopen> preopens,
      NetworkPolicy policy,
      NetworkPolicy.Caller caller,
      InstanceLimits limits,
      TypedBindings pluginBindings,
      List<LinkPlan.Link> links,
      Function<String, InstanceFactory> exporters,
      OutputStream stdout,
      OutputStream stderr,
      Shared shared) {
    this.label = label;
    this.component = component;
    this.packages = List.copyOf(packages);
    this.environment = environment;
    this.preopens = List.copyOf(preopens);
    this.policy = policy;
    this.caller = caller;
    this.limits = limits;
    this.pluginBindings = pluginBindings;
    this.links = List.copyOf(links);
    this.exporters = exporters;
    this.stdout = stdout;
    this.stderr = stderr;
    this.shared = shared;
  }

  /** The component this factory instantiates. */
  Component component() {
    return component;
  }

  /**
   * A new instance; whatever was created for it is released again when instantiation fails.
   *
   * @throws WorkloadException when an import has no provider (with what to do)
   */
  LiveInstance create() {
    WasiContext.Builder b =
        WasiContext.builder()
            .env(environment.get())
            .networkPolicy(policy)
            .caller(caller)
            .stdout(stdout)
            .stderr(stderr)
            .secureRandom(shared.secureRandom())
            .insecureRandom(shared.insecureRandom());
    preopens.forEach(b::preopen);
    WasiContext ctx = b.build();
    List<LiveInstance> deps = new ArrayList<>();
    ResourceScope scope = new ResourceScope();
    try {
      Linker linker = new Linker();
      HostBinder wasi = Wasi.addToLinker(linker, ctx, packages);
      pluginBindings.addTo(linker, scope);
      for (LinkPlan.Link link : links) {
        LiveInstance dep = exporters.apply(link.exporter()).create();
        deps.add(dep);
        Item exported = dep.instance().exports().get(link.exportName());
        if (!(exported instanceof Item.Instance exportedInstance)) {
          throw new WorkloadException(
              "component '"
                  + link.exporter()
                  + "' exports "
                  + link.exportName()
                  + " but not as an interface instance");
        }
        linker.instance(link.importName(), exportedInstance);
      }
      ComponentInstance instance;
      try {
        instance = linker.instantiate(component, limits);
      } catch (LinkException e) {
        throw new WorkloadException(
            label
                + " cannot be instantiated: "
                + e.getMessage()
                + " (no WASI package, no plugin and no other component of the workload provides"
                + " it: declare the interface under hostInterfaces for a plugin that serves it, or"
                + " add a component that exports it)",
            e);
      }
      return new LiveInstance(instance, ctx, wasi, scope, deps);
    } catch (RuntimeException | Error e) {
      scope.close();
      ctx.close();
      deps.forEach(LiveInstance::close);
      throw e;
    }
  }
}
