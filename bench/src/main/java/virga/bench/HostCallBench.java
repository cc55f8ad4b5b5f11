package virga.bench;

import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.WasmFunctions;
import io.github.kawamuray.wasmtime.WasmValType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import virga.component.abi.CanonOptions;
import virga.component.abi.ComponentInstanceState;
import virga.component.abi.LoweredFunction;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.core.CoreImports;
import virga.component.core.CoreInstance;
import virga.component.core.CoreValType;
import virga.component.core.InstanceLimits;
import virga.component.core.chicory.ChicoryEngine;
import virga.component.types.FuncType;
import virga.component.types.ValType;
import virga.component.values.Value;

/**
 * Goal 3, host-import round trip, at the core level ({@code guest/hostcall.wat}, import {@code
 * env.host_add(i32,i32)->i32} implemented in Java):
 *
 * <ul>
 *   <li>{@link #importRoundTrip}: the guest calls the host import {@value #LOOP} times in a loop;
 *       the score is per guest -> host -> guest round trip (the goal's measure);
 *   <li>{@link #exportCallingImport}: one Java -> guest ({@code call_host}) -> host -> guest ->
 *       Java trip;
 *   <li>{@link #exportCall}: the bare export call ({@code add}, no import), for reference.
 * </ul>
 *
 * <p>Engines: {@code chicory} implements the import with {@link CoreFunction#host} (the core SPI,
 * raw {@code long}s); {@code chicory-canon-lower} with the component layer's {@link
 * LoweredFunction} ({@code canon lower} of a host {@code func(a: u32, b: u32) -> u32}: lifts the
 * arguments to {@link Value}s, calls the Java function, lowers the result), i.e. what a component's
 * host import costs; {@code wasmtime} with wasmtime-java's {@link WasmFunctions#wrap}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HostCallBench {
  static final int LOOP = 10_000;

  /** One engine's view of the three exports. */
  interface Calls extends AutoCloseable {
    int add(int a, int b);

    int callHost(int a, int b);

    int callHostLoop(int n);

    @Override
    default void close() {}
  }

  @Param({"chicory-canon-lower", "chicory", "wasmtime"})
  public String engine;

  private Calls c;
  private int x;

  @Setup
  public void setup() {
    c =
        switch (engine) {
          case "chicory" -> new OnChicory(false);
          case "chicory-canon-lower" -> new OnChicory(true);
          case "wasmtime" -> new OnWasmtime();
          default -> throw new IllegalArgumentException(engine);
        };
    Guests.check(c.add(2, 3) == 5, "add");
    Guests.check(c.callHost(2, 3) == 5, "call_host");
    int expect = 0;
    for (int i = 0; i < LOOP; i++) {
      expect += i;
    }
    Guests.check(c.callHostLoop(LOOP) == expect, "call_host_loop");
  }

  @TearDown
  public void tearDown() throws Exception {
    c.close();
  }

  @Benchmark
  @OperationsPerInvocation(LOOP)
  public int importRoundTrip() {
    return c.callHostLoop(LOOP);
  }

  @Benchmark
  public int exportCallingImport() {
    return c.callHost(++x, 7);
  }

  @Benchmark
  public int exportCall() {
    return c.add(++x, 7);
  }

  static final class OnChicory implements Calls {
    private final CoreFunction add;
    private final CoreFunction callHost;
    private final CoreFunction callHostLoop;

    OnChicory(boolean canonLower) {
      var i32 = CoreValType.I32;
      CoreFunction hostAdd;
      if (canonLower) {
        var u32 = ValType.Primitive.U32;
        var type =
            new FuncType(List.of(new FuncType.Param("a", u32), new FuncType.Param("b", u32)), u32);
        hostAdd =
            new LoweredFunction(
                type,
                CanonOptions.none(),
                args ->
                    Value.u32(
                        (((Value.U32) args.get(0)).value() + ((Value.U32) args.get(1)).value())
                            & 0xFFFF_FFFFL),
                new ComponentInstanceState("hostcall"));
      } else {
        hostAdd =
            CoreFunction.host(
                new CoreFuncType(List.of(i32, i32), List.of(i32)),
                args -> new long[] {(int) args[0] + (int) args[1]});
      }
      CoreInstance i =
          new ChicoryEngine()
              .compile(Guests.bytes(Guests.HOSTCALL))
              .instantiate(new CoreImports().put("env", "host_add", hostAdd), InstanceLimits.NONE);
      add = (CoreFunction) i.export("add").orElseThrow();
      callHost = (CoreFunction) i.export("call_host").orElseThrow();
      callHostLoop = (CoreFunction) i.export("call_host_loop").orElseThrow();
    }

    @Override
    public int add(int a, int b) {
      return (int) add.call(a, b)[0];
    }

    @Override
    public int callHost(int a, int b) {
      return (int) callHost.call(a, b)[0];
    }

    @Override
    public int callHostLoop(int n) {
      return (int) callHostLoop.call(n)[0];
    }
  }

  static final class OnWasmtime implements Calls {
    private final Store<Void> store;
    private final Module module;
    private final Func hostAdd;
    private final Instance instance;
    private final WasmFunctions.Function2<Integer, Integer, Integer> add;
    private final WasmFunctions.Function2<Integer, Integer, Integer> callHost;
    private final WasmFunctions.Function1<Integer, Integer> callHostLoop;

    OnWasmtime() {
      store = Store.withoutData();
      module = Module.fromBinary(store.engine(), Guests.bytes(Guests.HOSTCALL));
      var i32 = WasmValType.I32;
      hostAdd = WasmFunctions.wrap(store, i32, i32, i32, (Integer a, Integer b) -> a + b);
      instance = new Instance(store, module, List.of(Extern.fromFunc(hostAdd)));
      add = WasmFunctions.func(store, instance.getFunc(store, "add").orElseThrow(), i32, i32, i32);
      callHost =
          WasmFunctions.func(
              store, instance.getFunc(store, "call_host").orElseThrow(), i32, i32, i32);
      callHostLoop =
          WasmFunctions.func(
              store, instance.getFunc(store, "call_host_loop").orElseThrow(), i32, i32);
    }

    @Override
    public int add(int a, int b) {
      return add.call(a, b);
    }

    @Override
    public int callHost(int a, int b) {
      return callHost.call(a, b);
    }

    @Override
    public int callHostLoop(int n) {
      return callHostLoop.call(n);
    }

    @Override
    public void close() {
      instance.dispose();
      hostAdd.dispose();
      module.dispose();
      store.dispose();
    }
  }
}
