package virga.host.workload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.ToIntFunction;
import virga.protocol.v2.WorkloadState;

/**
 * The host's workload meters: {@code virga.workloads{state}} (how many workloads are in each
 * state), {@code virga.workload.starts}, {@code virga.workload.stops}, {@code
 * virga.workload.failures} (starts that failed and running workloads that failed) and {@code
 * virga.workload.start.latency} (request to RUNNING).
 */
final class WorkloadMetrics {
  private final Counter starts;
  private final Counter stops;
  private final Counter failures;
  private final Timer startLatency;

  WorkloadMetrics(MeterRegistry meters, ToIntFunction<WorkloadState> countInState) {
    starts =
        Counter.builder("virga.workload.starts")
            .description("workload starts requested")
            .register(meters);
    stops =
        Counter.builder("virga.workload.stops").description("workloads stopped").register(meters);
    failures =
        Counter.builder("virga.workload.failures")
            .description("workload starts that failed and running workloads that failed")
            .register(meters);
    startLatency =
        Timer.builder("virga.workload.start.latency")
            .description("from the start request to RUNNING")
            .register(meters);
    for (WorkloadState s :
        new WorkloadState[] {
          WorkloadState.WORKLOAD_STATE_STARTING,
          WorkloadState.WORKLOAD_STATE_RUNNING,
          WorkloadState.WORKLOAD_STATE_COMPLETED,
          WorkloadState.WORKLOAD_STATE_STOPPING,
          WorkloadState.WORKLOAD_STATE_ERROR
        }) {
      Gauge.builder("virga.workloads", () -> countInState.applyAsInt(s))
          .description("workloads on this host by state")
          .tag("state", s.name().substring("WORKLOAD_STATE_".length()).toLowerCase(Locale.ROOT))
          .register(meters);
    }
  }

  void started() {
    starts.increment();
  }

  void stopped() {
    stops.increment();
  }

  void failed() {
    failures.increment();
  }

  void running(Duration sinceRequest) {
    startLatency.record(sinceRequest);
  }
}
