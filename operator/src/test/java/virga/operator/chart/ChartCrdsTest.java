package virga.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The chart ships exactly the generated CRDs: scripts/check-chart-crds.sh must pass. */
class ChartCrdsTest {
  @Test
  void chartCrdsAreTheGeneratedOnes() throws Exception {
    Process p =
        new ProcessBuilder("bash", Helm.ROOT.resolve("scripts/check-chart-crds.sh").toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("charts/virga/crds matches crds/generated (5 files)");
  }
}
