package virga.component.core.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import virga.component.LinkException;
import virga.component.TrapException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.core.CoreGlobal;
import virga.component.core.CoreImports;
import virga.component.core.CoreInstance;
import virga.component.core.CoreMemory;
import virga.component.core.CoreTable;
import virga.component.core.CoreValType;
import virga.component.core.InstanceLimits;

class ChicoryLinkingTest {
  private static final ChicoryEngine ENGINE = new ChicoryEngine();
  private static final CoreFuncType I32_TO_I32 =
      new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I32));

  private static ChicoryInstance instantiate(String name, CoreImports imports) {
    return ENGINE.compile(TestModules.load(name)).instantiate(imports, InstanceLimits.NONE);
  }

  private static CoreFunction fn(CoreInstance instance, String name) {
    return (CoreFunction) instance.export(name).orElseThrow();
  }

  @Test
  void hostFunctionImportIsCalled() {
    var calls = new AtomicInteger();
    var imports =
        new CoreImports()
            .put(
                "host",
                "inc",
                CoreFunction.host(
                    I32_TO_I32,
                    args -> {
                      calls.incrementAndGet();
                      return new long[] {args[0] + 1};
                    }));
    var basics = instantiate("basics", imports);
    assertThat(fn(basics, "loop_host").call(1000)[0]).isEqualTo(1000);
    assertThat(calls.get()).isEqualTo(1000);
    assertThat(fn(basics, "add").call(-1, 5)[0]).isEqualTo(4);
    long half = fn(basics, "half").call(Double.doubleToRawLongBits(3.0))[0];
    assertThat(Double.longBitsToDouble(half)).isEqualTo(1.5);
    assertThat(fn(basics, "add").type())
        .isEqualTo(
            new CoreFuncType(List.of(CoreValType.I32, CoreValType.I32), List.of(CoreValType.I32)));
  }

  @Test
  void shimAndFixupShareTablesMemoriesGlobalsAndFunctionsAcrossInstances() {
    var libc = instantiate("libc", new CoreImports());
    var memory = (CoreMemory) libc.export("memory").orElseThrow();
    var sp = (CoreGlobal) libc.export("sp").orElseThrow();

    var shim = instantiate("shim", new CoreImports());
    var table = (CoreTable) shim.export("$imports").orElseThrow();
    assertThat(table.size()).isEqualTo(1);

    var main =
        instantiate(
            "main",
            new CoreImports()
                .put("libc", "memory", memory)
                .put("libc", "sp", sp)
                .put("shim", "double_store", shim.export("0").orElseThrow()));
    var impl = instantiate("impl", new CoreImports().put("libc", "memory", memory));
    // before the fixup runs the table slot is empty: calling through it traps
    assertThatThrownBy(() -> fn(main, "run").call(1)).isInstanceOf(TrapException.class);

    var main2 =
        instantiate(
            "main",
            new CoreImports()
                .put("libc", "memory", memory)
                .put("libc", "sp", sp)
                .put("shim", "double_store", shim.export("0").orElseThrow()));
    instantiate(
        "fixup",
        new CoreImports()
            .put("", "$imports", table)
            .put("", "0", impl.export("double_store").orElseThrow()));

    long spBefore = sp.get();
    // main -> shim trampoline -> table slot filled by fixup -> impl, which writes shared memory
    assertThat(fn(main2, "run").call(21)[0]).isEqualTo(42 + spBefore + 16);
    assertThat(memory.readInt(16)).isEqualTo(42);
    assertThat(sp.get()).isEqualTo(spBefore + 16);
    sp.set(0);
    assertThat(fn(main2, "run").call(5)[0]).isEqualTo(10 + 16);
  }

  @Test
  void callIndirectThroughASharedTableComparesTypesNotModuleLocalIndices() {
    // wit-dylib / componentize-qjs layout: one module owns the table, another fills it with
    // imported and own functions whose type indices differ from the caller's.
    var owner = filledDylibTable();
    assertThat(fn(owner, "call").call(0, 41)[0]).isEqualTo(42); // imported (host) function
    assertThat(fn(owner, "call").call(1, 21)[0]).isEqualTo(42); // the filler's own function
    assertThat(fn(owner, "call_again").call(1, 21)[0]).isEqualTo(42); // an equivalent type
    fn(owner, "call_void").call(2);

    // real mismatches still trap (a trap poisons the instance: a fresh pair for each)
    assertThatThrownBy(() -> fn(filledDylibTable(), "call").call(2, 1)) // (func) as i32 -> i32
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("indirect call type mismatch");
    assertThatThrownBy(() -> fn(filledDylibTable(), "call").call(3, 1)) // i64 -> i32: no such type
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("indirect call type mismatch");
    assertThatThrownBy(() -> fn(filledDylibTable(), "call").call(4, 1)) // an empty slot
        .isInstanceOf(TrapException.class);
  }

  private static ChicoryInstance filledDylibTable() {
    var owner = instantiate("dyltable", new CoreImports());
    instantiate(
        "dylfill",
        new CoreImports()
            .put("env", "table", owner.export("table").orElseThrow())
            .put("env", "inc", CoreFunction.host(I32_TO_I32, a -> new long[] {a[0] + 1})));
    return owner;
  }

  @Test
  void missingImportNamesModuleNameAndType() {
    assertThatThrownBy(() -> instantiate("basics", new CoreImports()))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("\"host\" \"inc\"")
        .hasMessageContaining("(func (param [I32]) (result [I32]))");
  }

  @Test
  void wrongKindAndWrongTypeAreLinkErrors() {
    var libc = instantiate("libc", new CoreImports());
    assertThatThrownBy(
            () ->
                instantiate(
                    "basics", new CoreImports().put("host", "inc", libc.export("sp").get())))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("wrong kind")
        .hasMessageContaining("got a global (mut I32)");
    var wrong = new CoreFuncType(List.of(CoreValType.I64), List.of(CoreValType.I32));
    assertThatThrownBy(
            () ->
                instantiate(
                    "basics",
                    new CoreImports()
                        .put("host", "inc", CoreFunction.host(wrong, a -> new long[] {0}))))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("wrong type")
        .hasMessageContaining("expected (func (param [I32]) (result [I32]))")
        .hasMessageContaining("got (func (param [I64]) (result [I32]))");
    var basics =
        instantiate(
            "basics",
            new CoreImports()
                .put("host", "inc", CoreFunction.host(I32_TO_I32, a -> new long[] {0})));
    assertThatThrownBy(
            () ->
                instantiate(
                    "main",
                    new CoreImports()
                        .put("libc", "memory", libc.export("memory").get())
                        .put("libc", "sp", basics.export("counter").get())
                        .put("shim", "double_store", fn(basics, "loop_host"))))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("\"libc\" \"sp\"")
        .hasMessageContaining("expected (mut I32), got (mut I64)");
  }

  @Test
  void hostFunctionReturningTheWrongArityTraps() {
    var basics =
        instantiate(
            "basics",
            new CoreImports().put("host", "inc", CoreFunction.host(I32_TO_I32, a -> new long[0])));
    assertThatThrownBy(() -> fn(basics, "loop_host").call(1))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("returned 0 results, expected 1");
  }

  @Test
  void startFunctionRunsAndItsTrapFailsInstantiation() {
    CoreFuncType noneToI32 = new CoreFuncType(List.of(), List.of(CoreValType.I32));
    var ok =
        instantiate(
            "start",
            new CoreImports()
                .put("host", "should_trap", CoreFunction.host(noneToI32, a -> new long[] {0})));
    assertThat(((CoreGlobal) ok.export("ran").orElseThrow()).get()).isEqualTo(1);

    assertThatThrownBy(
            () ->
                instantiate(
                    "start",
                    new CoreImports()
                        .put(
                            "host",
                            "should_trap",
                            CoreFunction.host(noneToI32, a -> new long[] {1}))))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("unreachable")
        .satisfies(e -> assertThat(((TrapException) e).wasmBacktrace()).contains("init"));
  }

  @Test
  void globalsReadAndWriteRawBitsAndRefuseWritesWhenImmutable() {
    var basics =
        instantiate(
            "basics",
            new CoreImports()
                .put("host", "inc", CoreFunction.host(I32_TO_I32, a -> new long[] {0})));
    var counter = (CoreGlobal) basics.export("counter").orElseThrow();
    assertThat(counter.type()).isEqualTo(CoreValType.I64);
    assertThat(counter.mutable()).isTrue();
    assertThat(counter.get()).isEqualTo(7);
    counter.set(-1L);
    assertThat(counter.get()).isEqualTo(-1L);
    assertThat(basics.export("nope")).isEmpty();
  }
}
