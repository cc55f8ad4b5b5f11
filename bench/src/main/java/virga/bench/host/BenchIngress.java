package virga.bench.host;

import virga.host.ingress.HostRouter;
import virga.host.workload.HttpEndpoint;
import virga.host.workload.RunningWorkload;
import virga.host.workload.WorkloadListener;

/**
 * Routes each started workload's first HTTP component by its {@code config.host} in a {@link
 * HostRouter}, as the host's ingress does (wasmCloud routes to the first), and drops its routes
 * when it stops.
 */
final class BenchIngress implements WorkloadListener {
  private final HostRouter router;

  BenchIngress(HostRouter router) {
    this.router = router;
  }

  @Override
  public void resolved(RunningWorkload workload) {
    HttpEndpoint e = workload.http().orElse(null);
    if (e != null) {
      router.register(workload.id(), HostRouter.hostNames(e.config()), e.handler());
    }
  }

  @Override
  public void stopping(RunningWorkload workload) {
    router.unregister(workload.id());
  }
}
