package virga.host.workload;

import virga.component.Component;
import virga.component.runtime.ComponentFunction;
import virga.component.values.Value;
import virga.wasi.WasiContext;
import virga.wasi.http.HttpRejection;
import virga.wasi.http.IncomingHandler;
import virga.wasi.http.WasiHttp;

/**
 * A component of a running workload: its instances (from its pool) and how to call them, by
 * function name or as an HTTP handler.
 */
final class RunningItem {
  private final ItemDescriptor descriptor;
  private final Component component;
  private final ItemInstances instances;
  private final String httpExport;

  RunningItem(
      ItemDescriptor descriptor, Component component, ItemInstances instances, String httpExport) {
    this.descriptor = descriptor;
    this.component = component;
    this.instances = instances;
    this.httpExport = httpExport;
  }

  ItemDescriptor descriptor() {
    return descriptor;
  }

  Component component() {
    return component;
  }

  ItemInstances instances() {
    return instances;
  }

  /** Whether the component exports {@code wasi:http/incoming-handler}. */
  boolean servesHttp() {
    return httpExport != null;
  }

  /** Calls {@code function} ({@code ns:pkg/iface@ver#func} or a top-level name). */
  Value call(String function, Value... args) {
    return instances.with(live -> live.instance().call(function, args));
  }

  /** Calls the component's {@code handle} per request, in an instance from its pool. */
  IncomingHandler httpHandler(String workloadName) {
    String handle = httpExport + "#handle";
    return (request, outparam) -> {
      try {
        instances.with(
            live -> {
              WasiContext ctx = live.context();
              ComponentFunction f = live.instance().function(handle);
              f.call(
                  ctx.resources()
                      .own(WasiHttp.resourceType(live.wasi(), "incoming-request"), request),
                  ctx.resources()
                      .own(WasiHttp.resourceType(live.wasi(), "response-outparam"), outparam));
              return null;
            });
      } catch (PoolClosedException e) {
        throw new HttpRejection(503, "workload '" + workloadName + "' is stopping");
      }
    };
  }
}
