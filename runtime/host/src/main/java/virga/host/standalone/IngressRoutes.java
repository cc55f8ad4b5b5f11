package virga.host.standalone;

import java.util.LinkedHashSet;
import java.util.Set;
import virga.host.ingress.HostRouter;
import virga.host.workload.HttpEndpoint;
import virga.host.workload.RunningWorkload;
import virga.host.workload.WorkloadListener;

/**
 * Keeps the router in step with the host: a workload's HTTP components are routed from the moment
 * it resolves until it stops, under the host names of their {@code wasi:http} host interface.
 */
public final class IngressRoutes implements WorkloadListener {
  private final HostRouter router;

  public IngressRoutes(HostRouter router) {
    this.router = router;
  }

  @Override
  public void resolved(RunningWorkload workload) {
    for (HttpEndpoint e : workload.httpEndpoints()) {
      // validated before anything is registered: an invalid config.host fails the start
      Set<String> names = new LinkedHashSet<>(HostRouter.hostNames(e.config()));
      router.register(workload.id(), names, e.handler());
    }
  }

  @Override
  public void stopping(RunningWorkload workload) {
    router.unregister(workload.id());
  }

  @Override
  public void configUpdated(RunningWorkload workload) {
    router.unregister(workload.id());
    resolved(workload);
  }
}
