package virga.bench.cluster;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import virga.crds.v1alpha1.WorkloadDeployment;

/**
 * Scale on real hosts (issue 9 point 8): {@code N} WorkloadDeployments of one replica each created
 * at once by a few threads, on three real {@code bin/host cluster} processes under the operator's
 * jar; measured: first create → every WorkloadDeployment Ready (an informer sees each become
 * Ready), the operator's and each host's heap (their GC logs: peak before a collection, largest
 * after one) and resident set at the end.
 */
final class ScaleRun {
  private final BenchCluster cluster;

  ScaleRun(BenchCluster cluster) {
    this.cluster = cluster;
  }

  String run(int count, int threads, Duration timeout, OperatorProcess operator, Path operatorGcLog)
      throws Exception {
    for (int i = 0; i < 3; i++) {
      cluster.addHost();
    }
    cluster.awaitHostsReady(timeout);
    Map<String, Boolean> ready = new ConcurrentHashMap<>();
    AtomicLong lastReady = new AtomicLong();
    SharedIndexInformer<WorkloadDeployment> informer =
        cluster
            .client
            .resources(WorkloadDeployment.class)
            .inNamespace(BenchCluster.APPS)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(WorkloadDeployment d) {
                    onUpdate(null, d);
                  }

                  @Override
                  public void onUpdate(WorkloadDeployment old, WorkloadDeployment d) {
                    if (BenchCluster.isReady(d.getStatus())
                        && ready.put(d.getMetadata().getName(), true) == null) {
                      lastReady.set(System.nanoTime());
                    }
                  }

                  @Override
                  public void onDelete(WorkloadDeployment d, boolean unknown) {}
                });
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> creates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = String.format(Locale.ROOT, "scale-%04d", i);
      creates.add(pool.submit(() -> cluster.createDeployment(name)));
    }
    for (Future<?> f : creates) {
      f.get();
    }
    pool.shutdown();
    long created = System.nanoTime() - t0;
    log(String.format(Locale.ROOT, "created %d in %.1f s", count, created / 1e9));
    long end = t0 + timeout.toNanos();
    int printed = -1;
    StringBuilder progress = new StringBuilder(); // the Ready count over time, every 100 more
    while (ready.size() < count && System.nanoTime() < end) {
      operator.check();
      Thread.sleep(250);
      if (ready.size() / 100 != printed / 100) {
        printed = ready.size();
        progress.append(
            String.format(Locale.ROOT, " %.0fs:%d", (System.nanoTime() - t0) / 1e9, printed));
        log(
            String.format(
                Locale.ROOT, "%.1f s: %d Ready", (System.nanoTime() - t0) / 1e9, printed));
      }
    }
    informer.close();
    boolean all = ready.size() == count;
    double seconds = ((all ? lastReady.get() : System.nanoTime()) - t0) / 1e9;
    StringBuilder out = new StringBuilder();
    out.append("scale_count=").append(count).append('\n');
    out.append("scale_all_ready=").append(all).append('\n');
    out.append("scale_ready=").append(ready.size()).append('\n');
    out.append(String.format(Locale.ROOT, "scale_create_seconds=%.2f%n", created / 1e9));
    out.append(String.format(Locale.ROOT, "scale_ready_seconds=%.2f%n", seconds));
    out.append("scale_spread=").append(cluster.spread()).append('\n');
    out.append("scale_progress=").append(progress.toString().trim()).append('\n');
    long[] op = GcLog.peaks(operatorGcLog);
    out.append("scale_operator_heap_peak_mb=").append(op[0]).append('\n');
    out.append("scale_operator_heap_after_gc_max_mb=").append(op[1]).append('\n');
    out.append("scale_operator_rss_mb=").append(HostProcesses.rssMb(operator.pid())).append('\n');
    long hostPeak = -1;
    long hostAfter = -1;
    long hostRss = -1;
    for (String id : cluster.live) {
      long[] h = GcLog.peaks(cluster.hosts.gcLog(id));
      hostPeak = Math.max(hostPeak, h[0]);
      hostAfter = Math.max(hostAfter, h[1]);
      hostRss = Math.max(hostRss, cluster.hosts.rssMb(id));
      out.append("scale_host_")
          .append(id)
          .append("=peak ")
          .append(h[0])
          .append(" MB, after GC max ")
          .append(h[1])
          .append(" MB, RSS ")
          .append(cluster.hosts.rssMb(id))
          .append(" MB\n");
    }
    out.append("scale_host_heap_peak_mb=").append(hostPeak).append('\n');
    out.append("scale_host_heap_after_gc_max_mb=").append(hostAfter).append('\n');
    out.append("scale_host_rss_max_mb=").append(hostRss).append('\n');
    return out.toString();
  }

  static void log(String line) {
    System.err.println("[scale] " + line);
  }
}
