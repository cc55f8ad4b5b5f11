package virga.component.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import virga.component.MalformedComponentException;
import virga.component.binary.ComponentParser;

/**
 * Bounded random mutation of valid components (fixed seed, a wall-clock budget per target): every
 * mutant must be accepted or fail with a documented {@link virga.component.ComponentException},
 * never hang, never throw a JVM error or an undocumented runtime exception. Three targets (the
 * parser; compile+instantiate of component-layer mutants; compile+instantiate of mutants of a core
 * module) of at most 15 s each keep the class under a minute on two cores.
 */
class ComponentFuzzTest {
  static final long SEED = 0x5eed_c0de_2026L;

  @Test
  void theParserOnlyFailsWithMalformedComponentException() {
    FuzzRunner.Target parser =
        new FuzzRunner.Target(
            "parse", ComponentParser::parse, List.of(MalformedComponentException.class));

    fuzz(parser, Seeds.all(), 200_000, 15_000);
  }

  @Test
  void compileAndInstantiateOfComponentLayerMutantsOnlyFailWithDocumentedExceptions() {
    List<Seeds.Seed> small =
        Seeds.all().stream().filter(s -> s.bytes().length <= 64 * 1024).toList();
    AtomicInteger skipped = new AtomicInteger();

    fuzz(Pipeline.componentLayerTarget(Pipeline.engine(), small, skipped), small, 100_000, 15_000);
    System.out.printf("  (%d mutants with a changed core module skipped)%n", skipped.get());
  }

  @Test
  void compileAndInstantiateOfCoreModuleMutantsOnlyFailWithDocumentedExceptions() {
    // small modules only: every mutant is a new digest, so a full Chicory compilation
    List<Seeds.Seed> small =
        Seeds.all().stream().filter(s -> s.bytes().length <= 16 * 1024).toList();

    fuzz(Pipeline.target(Pipeline.engine()), small, 100_000, 15_000, Mutator::mutateCoreModule);
  }

  private static void fuzz(
      FuzzRunner.Target target, List<Seeds.Seed> seeds, int maxIterations, long budgetMillis) {
    fuzz(target, seeds, maxIterations, budgetMillis, Mutator::mutate);
  }

  private static void fuzz(
      FuzzRunner.Target target,
      List<Seeds.Seed> seeds,
      int maxIterations,
      long budgetMillis,
      java.util.function.BiFunction<Mutator, byte[], byte[]> mutation) {
    FuzzRunner runner = new FuzzRunner(SEED, List.of(target));
    long deadline = System.nanoTime() + budgetMillis * 1_000_000;
    int i = 0;
    while (i < maxIterations && System.nanoTime() < deadline && runner.failures().size() < 10) {
      Random rnd = new Random(SEED * 1_000_003 + i);
      Seeds.Seed seed = seeds.get(rnd.nextInt(seeds.size()));
      Mutator m = new Mutator(rnd);
      byte[] mutant = mutation.apply(m, seed.bytes());
      runner.run(i, seed.name() + " " + m.log(), mutant);
      i++;
    }
    runner.close();
    System.out.printf(
        "ComponentFuzzTest[%s]: seed %#x, %d iterations over %d seeds, %s%n",
        target.name(), SEED, i, seeds.size(), runner.stats());

    assertThat(runner.failures()).as(runner.report()).isEmpty();
    assertThat(i).as("iterations run").isGreaterThan(100);
    assertThat(runner.rejected()).as("mutants rejected").isPositive();
    assertThat(runner.accepted()).as("mutants accepted").isPositive();
  }
}
