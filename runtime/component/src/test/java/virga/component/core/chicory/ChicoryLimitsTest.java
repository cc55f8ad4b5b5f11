package virga.component.core.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import virga.component.LinkException;
import virga.component.TrapException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.core.CoreImports;
import virga.component.core.CoreMemory;
import virga.component.core.CoreValType;
import virga.component.core.InstanceLimits;

class ChicoryLimitsTest {
  private static final ChicoryEngine ENGINE = new ChicoryEngine();
  private static final CoreFuncType I32_TO_I32 =
      new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I32));

  private static ChicoryInstance basics(InstanceLimits limits) {
    var imports =
        new CoreImports()
            .put("host", "inc", CoreFunction.host(I32_TO_I32, a -> new long[] {a[0] + 1}));
    return ENGINE.compile(TestModules.load("basics")).instantiate(imports, limits);
  }

  private static CoreFunction fn(ChicoryInstance instance, String name) {
    return (CoreFunction) instance.export(name).orElseThrow();
  }

  @AfterEach
  void noInterruptLeaks() {
    assertThat(Thread.currentThread().isInterrupted()).as("leaked interrupt flag").isFalse();
  }

  @Test
  void deadlineStopsAnInfiniteLoop() {
    var deadline = Duration.ofMillis(300);
    var instance = basics(new InstanceLimits(0, deadline));
    long start = System.nanoTime();
    assertThatThrownBy(() -> fn(instance, "spin").call())
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("deadline exceeded after 300 ms")
        .satisfies(e -> assertThat(((TrapException) e).wasmBacktrace()).contains("spin"));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMs).isBetween(290L, 2 * 300L);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(instance.trapped()).isTrue();
    assertThatThrownBy(() -> fn(instance, "add").call(1, 2))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("trapped earlier");
  }

  @Test
  void deadlineStopsALoopThatCallsTheHost() {
    var instance = basics(new InstanceLimits(0, Duration.ofMillis(200)));
    assertThatThrownBy(() -> fn(instance, "spin_host").call())
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("deadline exceeded");
  }

  @Test
  void callsThatFinishInTimeAreUnaffectedAndDoNotLeakInterrupts() throws Exception {
    var instance = basics(new InstanceLimits(0, Duration.ofMillis(50)));
    for (int i = 0; i < 20_000; i++) {
      assertThat(fn(instance, "add").call(i, 1)[0]).isEqualTo(i + 1);
    }
    Thread.sleep(120); // past any deadline that was armed above
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(fn(instance, "loop_host").call(100)[0]).isEqualTo(100);
  }

  @Test
  void nestedCallsKeepTheOuterDeadline() {
    var inner = basics(new InstanceLimits(0, Duration.ofSeconds(30)));
    var reentrant =
        CoreFunction.host(I32_TO_I32, a -> fn(inner, "loop_host").call((int) a[0] % 3 + 1));
    var outer =
        ENGINE
            .compile(TestModules.load("basics"))
            .instantiate(
                new CoreImports().put("host", "inc", reentrant),
                new InstanceLimits(0, Duration.ofMillis(300)));
    assertThat(fn(outer, "loop_host").call(10)[0]).isPositive();
    long start = System.nanoTime();
    assertThatThrownBy(() -> fn(outer, "spin_host").call())
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("deadline exceeded");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
  }

  @Test
  void memoryCannotGrowBeyondTheLimit() {
    var instance = basics(new InstanceLimits(2 * 65536, null));
    var memory = (CoreMemory) instance.export("memory").orElseThrow();
    assertThat(memory.byteSize()).isEqualTo(65536);
    assertThat(fn(instance, "grow").call(1)[0]).isEqualTo(1); // old size in pages
    assertThat((int) fn(instance, "grow").call(1)[0]).isEqualTo(-1);
    assertThat(memory.grow(1)).isEqualTo(-1);
    assertThat(memory.byteSize()).isEqualTo(2 * 65536);
    // without a limit the module's own maximum (4 pages) applies
    var unlimited = basics(InstanceLimits.NONE);
    assertThat(fn(unlimited, "grow").call(3)[0]).isEqualTo(1);
    assertThat((int) fn(unlimited, "grow").call(1)[0]).isEqualTo(-1);
  }

  @Test
  void initialMemoryAboveTheLimitFailsInstantiation() {
    var module = ENGINE.compile(TestModules.load("bigmem"));
    assertThatThrownBy(
            () -> module.instantiate(new CoreImports(), new InstanceLimits(1 << 20, null)))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("memory limit exceeded")
        .hasMessageContaining("2097152 bytes")
        .hasMessageContaining("1048576 bytes");
    assertThat(module.instantiate(new CoreImports(), new InstanceLimits(4 << 20, null)))
        .isNotNull();
  }

  @Test
  void deepRecursionIsATrapNotAnError() {
    var instance = basics(InstanceLimits.NONE);
    assertThatThrownBy(() -> fn(instance, "recurse").call(0))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("call stack exhausted")
        .satisfies(e -> assertThat(((TrapException) e).wasmBacktrace()).contains("recurse"));
  }

  @Test
  void unreachableCarriesFunctionNames() {
    var instance = basics(InstanceLimits.NONE);
    assertThatThrownBy(() -> fn(instance, "boom").call())
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("unreachable")
        .satisfies(
            e ->
                assertThat(((TrapException) e).wasmBacktrace())
                    .containsSubsequence("inner_boom", "boom"));
  }

  @Test
  void integerDivideByZeroTraps() {
    var instance = basics(InstanceLimits.NONE);
    assertThat(fn(instance, "div").call(-7, 2)[0]).isEqualTo(-3);
    assertThatThrownBy(() -> fn(instance, "div").call(1, 0))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("divide by zero");
  }

  @Test
  void outOfBoundsAccessTrapsInTheGuestAndThroughCoreMemory() {
    var instance = basics(InstanceLimits.NONE);
    var memory = (CoreMemory) instance.export("memory").orElseThrow();
    fn(instance, "store").call(65532, 0x01020304);
    assertThat(memory.readInt(65532)).isEqualTo(0x01020304);
    assertThat(memory.readByte(65532)).isEqualTo((byte) 4); // little-endian
    memory.writeLong(8, Long.MIN_VALUE);
    assertThat(fn(instance, "load").call(12)[0]).isEqualTo(Integer.MIN_VALUE);
    memory.writeBytes(100, new byte[] {1, 2, 3});
    assertThat(memory.readBytes(100, 3)).containsExactly(1, 2, 3);
    memory.writeDouble(200, 2.5);
    assertThat(memory.readDouble(200)).isEqualTo(2.5);

    assertThatThrownBy(() -> memory.readInt(65533))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("out of bounds memory access: 4 bytes at address 65533");
    assertThatThrownBy(() -> memory.writeByte(-1, (byte) 0))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("address 4294967295");
    assertThatThrownBy(() -> memory.readBytes(65000, 1000)).isInstanceOf(TrapException.class);
    assertThat(instance.trapped()).isFalse(); // host-side accesses do not poison the instance

    assertThatThrownBy(() -> fn(instance, "load").call(65536))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("out of bounds memory access")
        .satisfies(e -> assertThat(((TrapException) e).wasmBacktrace()).contains("load"));
    assertThat(instance.trapped()).isTrue();
  }

  @Test
  void instanceServesManyCalls() {
    var instance = basics(new InstanceLimits(0, Duration.ofSeconds(10)));
    var add = fn(instance, "add");
    long sum = 0;
    for (int i = 0; i < 100_000; i++) {
      sum += add.call(i, 1)[0];
    }
    assertThat(sum).isEqualTo(100_000L * 100_001L / 2);
    assertThat(instance.trapped()).isFalse();
  }

  @Test
  void wrongArgumentCountIsRejectedBeforeEnteringTheGuest() {
    var instance = basics(InstanceLimits.NONE);
    assertThatThrownBy(() -> fn(instance, "add").call(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 2 arguments");
    assertThat(instance.trapped()).isFalse();
  }
}
