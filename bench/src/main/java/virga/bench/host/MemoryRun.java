package virga.bench.host;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import virga.host.ingress.HostRouter;
import virga.host.workload.GuestOutput;
import virga.host.workload.WorkloadHost;
import virga.wasi.http.HttpServer;
import virga.wasi.http.HttpServerConfig;

/**
 * {@code HostBench memory --count N [--pool-size P] [--touch]}: N small HTTP workloads on one host;
 * the heap used after GC, less the baseline before them, per workload. Run in a JVM with {@code
 * -Xmx1g}: an OutOfMemoryError is reported ({@code fits=false}, exit code 3), not thrown.
 */
final class MemoryRun {
  private MemoryRun() {}

  static void run(HostBench.Args a) throws Exception {
    int count = a.integer("count", 100);
    int poolSize = a.integer("pool-size", 0);
    boolean touch = a.flag("touch");
    HostRouter router = new HostRouter(new SimpleMeterRegistry());
    byte[] reserve = new byte[16 << 20]; // dropped on OutOfMemoryError, so the report can be made
    KeyValues r = new KeyValues();
    try (WorkloadHost host = BenchHosts.routed(router, GuestOutput.DISCARD, null);
        HttpServer server =
            HttpServer.start(
                router, new InetSocketAddress("127.0.0.1", 0), HttpServerConfig.DEFAULT)) {
      // warm-up: the component compiled, the classes loaded, then the workload forgotten
      BenchHosts.running(
          host.start(BenchWorkloads.httpHello("warmup", "warmup.localhost", poolSize)));
      BenchHosts.answers(server, "warmup.localhost");
      host.stop("warmup");
      long baseline = heapAfterGc();
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      int started = 0;
      String error = "none";
      long t0 = System.nanoTime();
      try {
        for (int i = 0; i < count; i++) {
          String id = id(i);
          BenchHosts.running(host.start(BenchWorkloads.httpHello(id, id + ".localhost", poolSize)));
          started++;
          if (touch) {
            BenchHosts.answers(server, id + ".localhost");
          }
        }
        BenchHosts.answers(server, id(0) + ".localhost");
        BenchHosts.answers(server, id(count - 1) + ".localhost");
      } catch (OutOfMemoryError e) {
        reserve = null;
        error = "OutOfMemoryError after " + started + " workloads";
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      long used = heapAfterGc();
      r.put("count", count)
          .put("pool_size", poolSize)
          .put("touched", touch)
          .put("started", started)
          .put("fits", started == count && reserve != null)
          .put("error", error)
          .put("max_heap_mb", mb(Runtime.getRuntime().maxMemory()))
          .put("baseline_heap_mb", mb(baseline))
          .put("heap_mb", mb(used))
          .put("per_workload_kb", started == 0 ? 0.0 : (used - baseline) / 1024.0 / started)
          .put("threads_before", threadsBefore)
          .put("threads_after", ManagementFactory.getThreadMXBean().getThreadCount())
          .put("rss_mb", rssKb() / 1024.0)
          .put("start_seconds", seconds)
          .put("cached_components", host.cache().size());
    }
    r.print();
    if (reserve == null) {
      System.exit(3);
    }
  }

  private static String id(int i) {
    return String.format(Locale.ROOT, "w%05d", i);
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  private static double mb(long bytes) {
    return bytes / 1048576.0;
  }
}
