package virga.bench.host;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import virga.host.ingress.HostRouter;
import virga.host.workload.GuestOutput;
import virga.host.workload.WorkloadHost;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.protocol.v2.WorkloadStatus;

/**
 * Workload start latency: {@link WorkloadHost#start} of a one-component HTTP workload ({@code
 * guests/wasm/wasi-http-hello.wasm}, routed by Host header through a {@link HostRouter}) until it
 * returns RUNNING, with the component already in the host's compile cache (a first start in setup
 * compiled it). Sampled, so the JSON carries percentiles. Each sample's workload is stopped after
 * it, outside the measured time, so the host holds one workload at most.
 *
 * <p>{@code poolSize}: the workload's pool (0: a fresh instance per request).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class WorkloadStartBench {
  @Param({"0", "4"})
  public int poolSize;

  private WorkloadHost host;
  private long n;
  private String current;
  private WorkloadStartRequest next;

  @Setup(Level.Trial)
  public void setup() {
    HostRouter router = new HostRouter(new SimpleMeterRegistry());
    host =
        WorkloadHost.builder()
            .guestOutput(GuestOutput.DISCARD)
            .listener(new BenchIngress(router))
            .build();
    prepare();
    start();
    stop();
    if (host.cache().size() != 1) {
      throw new IllegalStateException("expected one cached component, got " + host.cache().size());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    host.close();
  }

  /** The next request, built outside the measured time. */
  @Setup(Level.Invocation)
  public void prepare() {
    current = "start-" + (++n);
    next = BenchWorkloads.httpHello(current, current + ".localhost", poolSize);
  }

  @TearDown(Level.Invocation)
  public void stop() {
    host.stop(current);
  }

  @Benchmark
  public WorkloadStatus start() {
    WorkloadStatus s = host.start(next);
    if (s.getWorkloadState() != WorkloadState.WORKLOAD_STATE_RUNNING) {
      throw new IllegalStateException("workload " + current + " did not start: " + s);
    }
    return s;
  }
}
