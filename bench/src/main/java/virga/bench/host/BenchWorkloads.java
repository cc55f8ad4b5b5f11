package virga.bench.host;

import virga.protocol.v2.Component;
import virga.protocol.v2.LocalResources;
import virga.protocol.v2.Service;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.WitWorld;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;

/**
 * The start requests the host benchmarks send: what {@code bin/host run} (or the operator) hands
 * the host for a small manifest, built directly so that no manifest parsing is timed.
 */
final class BenchWorkloads {
  /** The cron-service example's service (exports {@code wasi:cli/run}, calls {@code invoke}). */
  static final String CRON_SERVICE = "examples/cron-service/cron-service.wasm";

  /** The cron-service example's component (exports {@code wasmcloud:example/cron}). */
  static final String CRON_COMPONENT = "examples/cron-service/cron-component.wasm";

  private BenchWorkloads() {}

  /**
   * One component, {@code guests/wasm/wasi-http-hello.wasm}, routed by {@code Host: host}; {@code
   * poolSize} warm instances (0: a fresh instance per request).
   */
  static WorkloadStartRequest httpHello(String id, String host, int poolSize) {
    Workload w =
        Workload.newBuilder()
            .setNamespace("bench")
            .setName(id)
            .setWitWorld(
                WitWorld.newBuilder()
                    .addComponents(
                        Component.newBuilder()
                            .setName("hello")
                            .setImage(HostGuests.path(HostGuests.HTTP_HELLO).toString())
                            .setPoolSize(poolSize))
                    .addHostInterfaces(
                        WitInterface.newBuilder()
                            .setNamespace("wasi")
                            .setPackage("http")
                            .addInterfaces("incoming-handler")
                            .putConfig("host", host)))
            .build();
    return WorkloadStartRequest.newBuilder().setWorkloadId(id).setWorkload(w).build();
  }

  /**
   * The cron-service example with a service that traps on its first tick, {@code intervalMs} after
   * it starts, so that it crashes again after every restart until its {@code maxRestarts} budget is
   * spent.
   */
  static WorkloadStartRequest crashingCron(String id, int intervalMs, int maxRestarts) {
    Workload w =
        Workload.newBuilder()
            .setNamespace("bench")
            .setName(id)
            .setWitWorld(
                WitWorld.newBuilder()
                    .addComponents(
                        Component.newBuilder()
                            .setName("cron-component")
                            .setImage(HostGuests.path(CRON_COMPONENT).toString())))
            .setService(
                Service.newBuilder()
                    .setImage(HostGuests.path(CRON_SERVICE).toString())
                    .setMaxRestarts(maxRestarts)
                    .setLocalResources(
                        LocalResources.newBuilder()
                            .putEnvironment("CRASH_AFTER", "1")
                            .putEnvironment("INTERVAL_MS", Integer.toString(intervalMs))))
            .build();
    return WorkloadStartRequest.newBuilder().setWorkloadId(id).setWorkload(w).build();
  }
}
