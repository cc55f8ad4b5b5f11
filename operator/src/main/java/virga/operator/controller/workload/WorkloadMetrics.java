package virga.operator.controller.workload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Objects;

/**
 * Placement metrics of the Workload controller: {@value #PLACEMENTS} (tag {@code result}: {@value
 * #PLACED}, {@value #ADOPTED} or {@value #FAILED}) counts every attempt to put a Workload on a
 * host, {@value #FAILURES} (tag {@code reason}: the scheduler's reason such as {@code
 * NoSuitableHost}, or {@code HostUnreachable}, {@code HostError}, {@code StartFailed}, {@code
 * ConfigNotFound}) the failed ones by why.
 */
public final class WorkloadMetrics {
  public static final String PLACEMENTS = "virga.workload.placements";
  public static final String FAILURES = "virga.workload.placement.failures";
  public static final String PLACED = "placed";
  public static final String ADOPTED = "adopted";
  public static final String FAILED = "failed";

  private final MeterRegistry registry;

  public WorkloadMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    for (String result : new String[] {PLACED, ADOPTED, FAILED}) {
      placements(result); // visible at 0 before the first placement
    }
  }

  /** Metrics nobody scrapes (tests, tools). */
  public static WorkloadMetrics unscraped() {
    return new WorkloadMetrics(new SimpleMeterRegistry());
  }

  /** A Workload was started on a host. */
  public void placed() {
    placements(PLACED).increment();
  }

  /**
   * A Workload was found already on its host (a start whose reply was lost) and taken as placed.
   */
  public void adopted() {
    placements(ADOPTED).increment();
  }

  /** An attempt to place a Workload failed for {@code reason}. */
  public void failed(String reason) {
    placements(FAILED).increment();
    Counter.builder(FAILURES)
        .description("Failed Workload placements by reason")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  private Counter placements(String result) {
    return Counter.builder(PLACEMENTS)
        .description("Attempts to place a Workload on a host, by result")
        .tag("result", result)
        .register(registry);
  }
}
