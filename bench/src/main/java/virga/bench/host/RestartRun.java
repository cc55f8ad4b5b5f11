package virga.bench.host;

import java.time.Duration;
import java.util.List;
import virga.host.service.RestartPolicy;
import virga.host.workload.WorkloadHost;
import virga.protocol.v2.WorkloadStatus;

/**
 * {@code HostBench restart [--restarts K] [--interval-ms I] [--backoff-ms B]}: the cron-service
 * example with a service that traps on its first tick, restarted K times (its {@code maxRestarts});
 * a sample is the time from its "crashing on purpose" line to the next incarnation's start line.
 */
final class RestartRun {
  private RestartRun() {}

  static void run(HostBench.Args a) throws Exception {
    int restarts = a.integer("restarts", 20);
    int intervalMs = a.integer("interval-ms", 1);
    Duration backoff = Duration.ofMillis(a.integer("backoff-ms", 0));
    long timeoutMs = a.integer("timeout-ms", 120_000);
    ServiceClock clock = new ServiceClock();
    RestartPolicy policy =
        new RestartPolicy(0, backoff, backoff, RestartPolicy.DEFAULT_HEALTHY_UPTIME);
    try (WorkloadHost host =
        WorkloadHost.builder().guestOutput(clock).restartPolicy(policy).build()) {
      String id = "cron";
      long t0 = System.nanoTime();
      WorkloadStatus s = host.start(BenchWorkloads.crashingCron(id, intervalMs, restarts));
      long running = System.nanoTime();
      BenchHosts.running(s);
      // the budget spent: K restarts, K + 1 incarnations, K + 1 crashes
      boolean complete = clock.awaitCrashes(restarts + 1, timeoutMs);
      List<Long> starts = clock.starts();
      List<Long> crashes = clock.crashes();
      long[] samples = new long[Math.max(0, Math.min(crashes.size(), starts.size() - 1))];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = starts.get(i + 1) - crashes.get(i);
      }
      Thread.sleep(200); // for the supervisor to report the exhausted budget
      WorkloadStatus last = host.status(id);
      new KeyValues()
          .put("restarts_asked", restarts)
          .put("complete", complete)
          .put("incarnations", starts.size())
          .put("crashes", crashes.size())
          .put("backoff_ms", backoff.toMillis())
          .put("interval_ms", intervalMs)
          .put("start_to_running_ms", (running - t0) / 1e6)
          .put("start_to_first_output_ms", starts.isEmpty() ? -1.0 : (starts.get(0) - t0) / 1e6)
          .raw(new Percentiles(samples).keyValues("restart"))
          .put("final_state", last.getWorkloadState().name())
          .put("final_message", last.getMessage())
          .print();
      host.stop(id);
    }
  }
}
