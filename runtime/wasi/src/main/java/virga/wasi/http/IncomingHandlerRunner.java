package virga.wasi.http;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import virga.component.Component;
import virga.component.ComponentInstance;
import virga.component.LinkException;
import virga.component.Linker;
import virga.component.core.InstanceLimits;
import virga.component.runtime.ComponentFunction;
import virga.component.wit.HostBinder;
import virga.wasi.Wasi;
import virga.wasi.WasiContext;
import virga.wasi.WasiPackage;

/**
 * Calls a {@code wasi:http/incoming-handler} component once per request, each time in a fresh
 * instance (wasmCloud's default without a pool): a new {@link WasiContext} from the supplier, WASI
 * linked for the packages the component imports, instantiate, {@code handle(request, outparam)},
 * and the context closed afterwards (whatever the guest left open is dropped, an unfinished body
 * aborted). Counts requests and the time spent instantiating and handling.
 */
public final class IncomingHandlerRunner implements IncomingHandler {
  private final Component component;
  private final String handle;
  private final List<WasiPackage> packages;
  private final Supplier<WasiContext> contexts;
  private final InstanceLimits limits;
  private final LongAdder calls = new LongAdder();
  private final LongAdder instantiateNanos = new LongAdder();
  private final LongAdder handleNanos = new LongAdder();

  /**
   * A runner for {@code component}; {@code http} replaces the default wasi:http package (null keeps
   * it); {@code contexts} builds each request's WASI context; {@code limits} bound each instance.
   */
  public IncomingHandlerRunner(
      Component component, WasiHttp http, Supplier<WasiContext> contexts, InstanceLimits limits) {
    this.component = component;
    this.handle = handleExport(component) + "#handle";
    this.contexts = contexts;
    this.limits = limits;
    this.packages = packagesFor(component, http);
  }

  /** The name of the component's {@code wasi:http/incoming-handler@0.2.x} export. */
  public static String handleExport(Component component) {
    for (String name : component.exports().keySet()) {
      if (name.startsWith("wasi:http/incoming-handler@0.2.")) {
        return name;
      }
    }
    throw new LinkException(
        "not an HTTP component: it exports no wasi:http/incoming-handler@0.2.x (exports: "
            + component.exports().keySet()
            + ")");
  }

  /** The WASI packages whose namespace the component imports (all of them are linked lazily). */
  private static List<WasiPackage> packagesFor(Component component, WasiHttp http) {
    List<WasiPackage> out = new ArrayList<>();
    for (WasiPackage p : Wasi.packages()) {
      if (p.id().equals("wasi:http") && http != null) {
        p = http;
      }
      String prefix = p.id() + "/";
      boolean used = p.id().equals("wasi:io") || p.id().equals("wasi:http");
      for (String imp : component.imports().keySet()) {
        used |= imp.startsWith(prefix);
      }
      if (used) {
        out.add(p);
      }
    }
    if (out.stream().noneMatch(p -> p.id().equals("wasi:http"))) {
      out.add(http != null ? http : new WasiHttp());
    }
    return out;
  }

  /**
   * Handles one request in a fresh instance; returns when the guest's {@code handle} returned. A
   * trap propagates (the caller answers 500 if nothing was sent yet).
   */
  @Override
  public void handle(IncomingRequest request, ResponseOutparam outparam) {
    WasiContext ctx = contexts.get();
    try (ctx) {
      long t0 = System.nanoTime();
      Linker linker = new Linker();
      HostBinder binder = Wasi.addToLinker(linker, ctx, packages);
      ComponentInstance instance = linker.instantiate(component, limits);
      ComponentFunction f = instance.function(handle);
      long t1 = System.nanoTime();
      instantiateNanos.add(t1 - t0);
      try {
        f.call(
            ctx.resources().own(WasiHttp.resourceType(binder, "incoming-request"), request),
            ctx.resources().own(WasiHttp.resourceType(binder, "response-outparam"), outparam));
      } finally {
        handleNanos.add(System.nanoTime() - t1);
        calls.increment();
      }
    }
  }

  /** Total nanoseconds spent linking and instantiating so far. */
  public long instantiateNanos() {
    return instantiateNanos.sum();
  }

  /** Total nanoseconds spent inside the guest's handle so far. */
  public long handleNanos() {
    return handleNanos.sum();
  }

  /** Requests handled (or trapped) so far. */
  public long calls() {
    return calls.sum();
  }

  /** Mean nanoseconds to link and instantiate, per request. */
  public double meanInstantiateNanos() {
    long n = calls.sum();
    return n == 0 ? 0 : (double) instantiateNanos.sum() / n;
  }

  /** Mean nanoseconds inside the guest's handle, per request. */
  public double meanHandleNanos() {
    long n = calls.sum();
    return n == 0 ? 0 : (double) handleNanos.sum() / n;
  }
}
