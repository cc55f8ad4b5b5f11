package virga.bench.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import virga.protocol.v2.Component;
import virga.protocol.v2.WitInterface;
import virga.protocol.v2.WitWorld;
import virga.protocol.v2.Workload;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/**
 * Start latency over NATS: {@code runtime.host.<id>.workload.start} request → the reply with state
 * RUNNING, against a real {@code bin/host cluster} process, for a one-component HTTP workload
 * ({@code guests/wasm/wasi-http-hello.wasm}, routed by Host header). Three cases:
 *
 * <ul>
 *   <li>{@code cached}: the same component again on a warm host (a compile-cache hit);
 *   <li>{@code uncached}: a new component on the same warm host, a distinct valid copy ({@link
 *       ComponentVariants}) per sample, so each sample compiles (a cache miss) with the JIT warm;
 *   <li>{@code fresh_host}: the first start on a host process started for the sample (cache empty,
 *       JVM cold): what a restarted host or a failover target pays; the host is restarted (SIGTERM,
 *       then a new process with the same id) between samples, outside the measured time.
 * </ul>
 *
 * Each sample's workload is stopped after it, outside the measured time.
 */
final class StartLatencyRun {
  private final ControlBus bus;
  private final HostProcesses hosts;
  private final Path image;
  private final Path work;

  StartLatencyRun(ControlBus bus, HostProcesses hosts, Path image, Path work) {
    this.bus = bus;
    this.hosts = hosts;
    this.image = image;
    this.work = work;
  }

  /** Runs the three cases; returns key=value lines. */
  String run(int warmup, int samples, int freshSamples) throws Exception {
    StringBuilder out = new StringBuilder();
    String id = "BENCH_START";
    startHost(id);
    // compile once, warm the paths (with hits and misses), then measure
    start(id, "warm-0", image);
    for (int i = 1; i <= warmup; i++) {
      start(id, "warm-" + i, image);
    }
    byte[] original = Files.readAllBytes(image);
    Path dir = Files.createDirectories(work.resolve("variants"));
    for (int i = 0; i < warmup; i++) {
      start(id, "warm-variant-" + i, ComponentVariants.write(original, -1 - i, dir, "hello"));
    }
    // cached and uncached samples alternate, so that JIT warm-up and load from elsewhere on the
    // machine weigh on both alike
    Samples cached = new Samples();
    Samples uncached = new Samples();
    for (int i = 0; i < samples; i++) {
      cached.add(start(id, "cached-" + i, image));
      Path variant = ComponentVariants.write(original, i, dir, "hello"); // outside the timing
      uncached.add(start(id, "uncached-" + i, variant));
    }
    out.append(cached.keyValues("cached"));
    out.append(uncached.keyValues("uncached"));
    log("cached and uncached: " + cached.count() + " samples each");
    hosts.terminate(id, 20);

    // first start on a fresh host process
    Samples fresh = new Samples();
    for (int i = 0; i < freshSamples; i++) {
      startHost(id);
      fresh.add(start(id, "fresh-" + i, image));
      hosts.terminate(id, 20);
    }
    out.append(fresh.keyValues("fresh_host"));
    log("fresh host: " + fresh.count() + " samples");
    out.append("component_bytes=").append(original.length).append('\n');
    return out.toString();
  }

  private void startHost(String id) throws Exception {
    bus.forget(id);
    hosts.start(id, "127.0.0.1", "bench-start", List.of());
    bus.awaitAnswering(id, Duration.ofSeconds(60), hosts.alive(id));
  }

  /** One sample: the request → RUNNING in nanoseconds; the workload is stopped afterwards. */
  private long start(String hostId, String workloadId, Path component) throws Exception {
    WorkloadStartRequest r = request(workloadId, component);
    long t0 = System.nanoTime();
    WorkloadStatus s = bus.start(hostId, r);
    long took = System.nanoTime() - t0;
    if (s.getWorkloadState() != WorkloadState.WORKLOAD_STATE_RUNNING) {
      throw new IllegalStateException("workload " + workloadId + " did not start: " + s);
    }
    WorkloadStatus stopped = bus.stop(hostId, workloadId);
    if (stopped.getWorkloadState() == WorkloadState.WORKLOAD_STATE_NOT_FOUND) {
      throw new IllegalStateException("workload " + workloadId + " vanished: " + stopped);
    }
    return took;
  }

  static WorkloadStartRequest request(String id, Path component) {
    return WorkloadStartRequest.newBuilder()
        .setWorkloadId(id)
        .setWorkload(
            Workload.newBuilder()
                .setNamespace("bench")
                .setName(id)
                .setWitWorld(
                    WitWorld.newBuilder()
                        .addHostInterfaces(
                            WitInterface.newBuilder()
                                .setNamespace("wasi")
                                .setPackage("http")
                                .addInterfaces("incoming-handler")
                                .putConfig("host", id + ".localhost"))
                        .addComponents(
                            Component.newBuilder()
                                .setName("hello")
                                .setImage(component.toAbsolutePath().toString()))))
        .build();
  }

  static void log(String line) {
    System.err.println("[start] " + line);
  }
}
