package virga.component.core.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import virga.component.core.CoreFunction;
import virga.component.core.CoreImports;
import virga.component.core.InstanceLimits;

/** The in-memory module cache is a bounded LRU: evicting an entry never breaks a live instance. */
class ChicoryModuleCacheTest {
  /** Distinct modules (distinct digests) exporting {@code big(x) = x + repeats}. */
  private static byte[] module(int repeats) {
    return TestModules.bigFunction(repeats);
  }

  private static long callBig(ChicoryModule m, long x) {
    var big =
        (CoreFunction) m.instantiate(new CoreImports(), InstanceLimits.NONE).export("big").get();
    return big.call(x)[0];
  }

  @Test
  void theDefaultCacheIsBounded() {
    var engine = new ChicoryEngine();

    assertThat(engine.maxCachedModules()).isEqualTo(ChicoryEngine.DEFAULT_MAX_CACHED_MODULES);
    assertThat(new ChicoryEngine(null).maxCachedModules())
        .isEqualTo(ChicoryEngine.DEFAULT_MAX_CACHED_MODULES);
    engine.compile(module(1));
    assertThat(engine.cachedModules()).isEqualTo(1);
  }

  @Test
  void theLeastRecentlyUsedModuleIsEvicted() {
    var engine = new ChicoryEngine(null, 2);
    ChicoryModule a = engine.compile(module(1));
    engine.compile(module(2));
    assertThat(engine.compile(module(1))).isSameAs(a); // a is now the most recently used
    engine.compile(module(3)); // evicts module(2)
    assertThat(engine.compilations()).isEqualTo(3);
    assertThat(engine.cachedModules()).isEqualTo(2);

    assertThat(engine.compile(module(1))).isSameAs(a);
    assertThat(engine.compilations()).isEqualTo(3);
    engine.compile(module(2));
    assertThat(engine.compilations()).as("module(2) was compiled again").isEqualTo(4);
  }

  @Test
  void anEvictedModuleKeepsWorkingForItsInstancesAndNewOnes() {
    var engine = new ChicoryEngine(null, 1);
    ChicoryModule first = engine.compile(module(5));
    var big =
        (CoreFunction)
            first.instantiate(new CoreImports(), InstanceLimits.NONE).export("big").get();

    ChicoryModule second = engine.compile(module(6)); // evicts first
    assertThat(engine.compile(module(5))).isNotSameAs(first);

    assertThat(big.call(10)[0]).isEqualTo(15);
    assertThat(callBig(first, 1)).isEqualTo(6);
    assertThat(callBig(second, 1)).isEqualTo(7);
  }

  @Test
  void aCacheOfZeroModulesIsRejected() {
    assertThatThrownBy(() -> new ChicoryEngine(null, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
