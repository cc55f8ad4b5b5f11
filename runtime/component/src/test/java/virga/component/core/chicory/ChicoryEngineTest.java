package virga.component.core.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.component.MalformedComponentException;
import virga.component.core.CoreExport;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.core.CoreImport;
import virga.component.core.CoreImports;
import virga.component.core.CoreValType;
import virga.component.core.InstanceLimits;

class ChicoryEngineTest {
  private static final CoreFuncType I32_TO_I32 =
      new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I32));

  private static CoreImports hostInc() {
    return new CoreImports()
        .put("host", "inc", CoreFunction.host(I32_TO_I32, args -> new long[] {args[0] + 1}));
  }

  @Test
  void sameBytesAreCompiledOnce() {
    var engine = new ChicoryEngine();
    byte[] wasm = TestModules.load("basics");
    ChicoryModule first = engine.compile(wasm);
    ChicoryModule second = engine.compile(wasm.clone());
    assertThat(second).isSameAs(first);
    assertThat(engine.compilations()).isEqualTo(1);
    assertThat(first.digest()).hasSize(64).isEqualTo(ChicoryEngine.sha256(wasm));
    assertThat(first.compiled()).isTrue();

    engine.compile(TestModules.load("libc"));
    assertThat(engine.compilations()).isEqualTo(2);
  }

  @Test
  void concurrentCompilesOfOneDigestHappenOnce() throws Exception {
    var engine = new ChicoryEngine();
    byte[] wasm = TestModules.load("basics");
    var pool = Executors.newFixedThreadPool(8);
    try {
      var tasks = new ArrayList<Callable<ChicoryModule>>();
      for (int i = 0; i < 8; i++) {
        tasks.add(() -> engine.compile(wasm));
      }
      var modules = new ArrayList<ChicoryModule>();
      for (Future<ChicoryModule> f : pool.invokeAll(tasks)) {
        modules.add(f.get());
      }
      assertThat(modules).allSatisfy(m -> assertThat(m).isSameAs(modules.get(0)));
      assertThat(engine.compilations()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void describesImportsAndExports() {
    var module = new ChicoryEngine().compile(TestModules.load("basics"));
    assertThat(module.imports())
        .containsExactly(new CoreImport("host", "inc", CoreImport.Kind.FUNCTION, I32_TO_I32));
    assertThat(module.exports())
        .contains(
            new CoreExport("memory", CoreImport.Kind.MEMORY),
            new CoreExport("counter", CoreImport.Kind.GLOBAL),
            new CoreExport("add", CoreImport.Kind.FUNCTION));
    var main = new ChicoryEngine().compile(TestModules.load("main"));
    assertThat(main.imports())
        .extracting(CoreImport::kind)
        .containsExactly(CoreImport.Kind.MEMORY, CoreImport.Kind.GLOBAL, CoreImport.Kind.FUNCTION);
  }

  @Test
  void garbageIsMalformed() {
    var engine = new ChicoryEngine();
    assertThatThrownBy(() -> engine.compile(new byte[] {0, 'a', 's', 'm', 9, 9, 9, 9}))
        .isInstanceOf(MalformedComponentException.class)
        .hasMessageContaining("invalid core module")
        .satisfies(
            e -> assertThat(((MalformedComponentException) e).section()).isEqualTo("core module"));
    byte[] truncated = TestModules.load("basics");
    assertThatThrownBy(() -> engine.compile(java.util.Arrays.copyOf(truncated, 40)))
        .isInstanceOf(MalformedComponentException.class);
    assertThat(engine.compilations()).isZero();
  }

  @Test
  void invalidFunctionBodyIsMalformed() {
    // (func (result i32) i64.const 0): type mismatch, caught by validation
    byte[] wasm = {
      0,
      'a',
      's',
      'm',
      1,
      0,
      0,
      0, //
      1,
      5,
      1,
      0x60,
      0,
      1,
      0x7f, // type: () -> i32
      3,
      2,
      1,
      0, // function 0 has type 0
      10,
      6,
      1,
      4,
      0,
      0x42,
      0,
      0x0b // body: i64.const 0 end
    };
    assertThatThrownBy(() -> new ChicoryEngine().compile(wasm))
        .isInstanceOf(MalformedComponentException.class);
  }

  @Test
  void functionTooLargeForTheJvmRunsInTheInterpreter() {
    var engine = new ChicoryEngine();
    var module = engine.compile(TestModules.bigFunction(30_000));
    var instance = module.instantiate(new CoreImports(), InstanceLimits.NONE);
    var big = (CoreFunction) instance.export("big").orElseThrow();
    assertThat(big.call(5)[0]).isEqualTo(30_005);
  }

  @Test
  void diskCacheIsReusedByAnotherEngine(@TempDir Path dir) throws Exception {
    byte[] wasm = TestModules.load("basics");
    var first = new ChicoryEngine(dir);
    first.compile(wasm);
    assertThat(first.compilations()).isEqualTo(1);
    Path file =
        dir.resolve("chicory-1.7.5-" + ModuleCompiler.REWRITE_VERSION)
            .resolve(ChicoryEngine.sha256(wasm) + ".cjar");
    assertThat(file).exists();
    assertThat(Files.size(file)).isPositive();

    var second = new ChicoryEngine(dir);
    var module = second.compile(wasm);
    assertThat(second.compilations()).isZero();
    assertThat(second.diskCacheHits()).isEqualTo(1);
    var add = (CoreFunction) module.instantiate(hostInc(), InstanceLimits.NONE).export("add").get();
    assertThat(add.call(40, 2)[0]).isEqualTo(42);
  }

  @Test
  void corruptDiskCacheEntryIsRecompiled(@TempDir Path dir) throws Exception {
    byte[] wasm = TestModules.load("basics");
    Path file =
        dir.resolve("chicory-1.7.5-" + ModuleCompiler.REWRITE_VERSION)
            .resolve(ChicoryEngine.sha256(wasm) + ".cjar");
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});

    var engine = new ChicoryEngine(dir);
    var module = engine.compile(wasm);
    assertThat(engine.compilations()).isEqualTo(1);
    assertThat(module.compiled()).isTrue();
    var add = (CoreFunction) module.instantiate(hostInc(), InstanceLimits.NONE).export("add").get();
    assertThat(add.call(1, 2)[0]).isEqualTo(3);
    // the rewritten entry is a real jar now
    assertThat(Files.size(file)).isGreaterThan(9);
  }
}
