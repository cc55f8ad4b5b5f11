package virga.component.core.chicory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.core.CoreImports;
import virga.component.core.CoreValType;
import virga.component.core.InstanceLimits;

/**
 * Prints what calls through the wrappers cost (a measurement, not a timed assertion): guest to host
 * round trips, and Java to guest calls with and without a deadline.
 */
class CallCostMeasurementTest {
  private static final int N = 1_000_000;

  @Test
  void measureCallCosts() {
    var engine = new ChicoryEngine();
    var type = new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I32));
    var imports =
        new CoreImports().put("host", "inc", CoreFunction.host(type, a -> new long[] {a[0] + 1}));
    var module = engine.compile(TestModules.load("basics"));
    var plain = module.instantiate(imports, InstanceLimits.NONE);
    var timed = module.instantiate(imports, new InstanceLimits(0, Duration.ofSeconds(30)));
    var loopHost = (CoreFunction) plain.export("loop_host").orElseThrow();
    var addPlain = (CoreFunction) plain.export("add").orElseThrow();
    var addTimed = (CoreFunction) timed.export("add").orElseThrow();

    double hostNs = 0;
    double plainNs = 0;
    double timedNs = 0;
    for (int round = 0; round < 5; round++) { // the first rounds warm up the JIT
      long t0 = System.nanoTime();
      assertThat(loopHost.call(N)[0]).isEqualTo(N);
      hostNs = (System.nanoTime() - t0) / (double) N;

      long sum = 0;
      t0 = System.nanoTime();
      for (int i = 0; i < N; i++) {
        sum += addPlain.call(i, 1)[0];
      }
      plainNs = (System.nanoTime() - t0) / (double) N;
      t0 = System.nanoTime();
      for (int i = 0; i < N; i++) {
        sum += addTimed.call(i, 1)[0];
      }
      timedNs = (System.nanoTime() - t0) / (double) N;
      assertThat(sum).isEqualTo(2 * ((long) N * (N + 1) / 2));
    }
    System.out.printf(
        "[measure] guest->host round trip %.1f ns; java->guest call %.1f ns, with deadline %.1f ns%n",
        hostNs, plainNs, timedNs);
  }
}
