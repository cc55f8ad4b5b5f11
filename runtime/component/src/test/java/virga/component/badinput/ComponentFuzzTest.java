package virga.component.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import virga.component.MalformedComponentException;
import virga.component.binary.ComponentParser;

/**
 * Bounded random mutation of valid components (fixed seed, a wall-clock budget): every mutant must
 * parse or fail with a documented {@link virga.component.ComponentException}, never hang, never
 * throw a JVM error or an undocumented runtime exception.
 */
class ComponentFuzzTest {
  static final long SEED = 0x5eed_c0de_2026L;
  static final int MAX_ITERATIONS = 200_000;
  static final long BUDGET_MILLIS = 25_000;

  @Test
  void mutantsOfValidComponentsOnlyFailWithDocumentedExceptions() {
    List<Seeds.Seed> seeds = Seeds.all();
    FuzzRunner.Target parser =
        new FuzzRunner.Target(
            "parse", ComponentParser::parse, List.of(MalformedComponentException.class));
    FuzzRunner runner = new FuzzRunner(SEED, List.of(parser));
    long deadline = System.nanoTime() + BUDGET_MILLIS * 1_000_000;
    int i = 0;
    while (i < MAX_ITERATIONS && System.nanoTime() < deadline && runner.failures().size() < 10) {
      Random rnd = new Random(SEED * 1_000_003 + i);
      Seeds.Seed seed = seeds.get(rnd.nextInt(seeds.size()));
      Mutator m = new Mutator(rnd);
      byte[] mutant = m.mutate(seed.bytes());
      runner.run(i, seed.name() + " " + m.log(), mutant);
      i++;
    }
    runner.close();
    System.out.printf(
        "ComponentFuzzTest: seed %#x, %d iterations over %d seeds, %s%n",
        SEED, i, seeds.size(), runner.stats());

    assertThat(runner.failures()).as(runner.report()).isEmpty();
    assertThat(i).as("iterations run").isGreaterThan(1_000);
    assertThat(runner.rejected()).as("mutants rejected").isPositive();
    assertThat(runner.accepted()).as("mutants accepted").isPositive();
  }
}
