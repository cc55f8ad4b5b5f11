package virga.bench.host;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import virga.host.ingress.HostRouter;
import virga.host.workload.GuestOutput;
import virga.host.workload.WorkloadHost;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;
import virga.wasi.http.HttpServer;

/** The host the {@link HostBench} commands build, and their checks of it. */
final class BenchHosts {
  private BenchHosts() {}

  /** A host routing its workloads' HTTP components in {@code router}; meters may be null. */
  static WorkloadHost routed(HostRouter router, GuestOutput output, MeterRegistry meters) {
    WorkloadHost.Builder b =
        WorkloadHost.builder().guestOutput(output).listener(new BenchIngress(router));
    if (meters != null) {
      b.meterRegistry(meters);
    }
    return b.build();
  }

  /** Fails unless {@code s} is RUNNING. */
  static void running(WorkloadStatus s) {
    if (s.getWorkloadState() != WorkloadState.WORKLOAD_STATE_RUNNING) {
      throw new IllegalStateException(
          "workload " + s.getWorkloadId() + " is " + s.getWorkloadState() + ": " + s.getMessage());
    }
  }

  /** Fails unless {@code GET /} with {@code Host: host} answers 200 with a body. */
  static void answers(HttpServer server, String host) throws IOException {
    RawHttp.Response r = RawHttp.get(server.address(), host);
    if (r.status() != 200 || r.body().isEmpty()) {
      throw new IllegalStateException(
          "GET / with Host " + host + " answered " + r.status() + ": " + r.body());
    }
  }
}
