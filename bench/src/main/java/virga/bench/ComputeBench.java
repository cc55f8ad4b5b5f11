package virga.bench;

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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import virga.component.core.CoreFunction;
import virga.component.core.CoreImports;
import virga.component.core.CoreInstance;
import virga.component.core.InstanceLimits;
import virga.component.core.chicory.ChicoryEngine;

/**
 * Goal 4, compute: the C kernels of {@code guest/bench.c} (prime sieve to 1e7, 200x200 double
 * matmul, CRC-32 of 20 MiB) on Chicory through {@link ChicoryEngine} and on wasmtime-java 0.19, the
 * same core module in the same run. The node (V8) figures come from {@code node/peer.mjs}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ComputeBench {
  static final int SIEVE_N = 10_000_000;
  static final int MATMUL_N = 200;
  static final int CRC_MIB = 20;

  /** Known answers, cross-checked against node in {@code node/peer.mjs}. */
  static final int PRIMES_TO_1E7 = 664_579;

  /** One engine's view of the three kernels. */
  interface Kernels extends AutoCloseable {
    int sieve(int n);

    double matmul(int n);

    int crc32(int rounds);

    @Override
    default void close() {}
  }

  @Param({"chicory", "wasmtime"})
  public String engine;

  private Kernels k;

  @Setup
  public void setup() {
    k = engine.equals("chicory") ? new OnChicory() : new OnWasmtime();
    Guests.check(k.sieve(SIEVE_N) == PRIMES_TO_1E7, "sieve(1e7)");
    // the other two are compared across engines: both must agree with wasmtime's answer
    try (Kernels ref = new OnWasmtime()) {
      Guests.check(k.matmul(MATMUL_N) == ref.matmul(MATMUL_N), "matmul(200)");
      Guests.check(k.crc32(2) == ref.crc32(2), "crc32(2)");
    }
  }

  @TearDown
  public void tearDown() throws Exception {
    k.close();
  }

  @Benchmark
  public int sieve() {
    return k.sieve(SIEVE_N);
  }

  @Benchmark
  public double matmul() {
    return k.matmul(MATMUL_N);
  }

  @Benchmark
  public int crc32() {
    return k.crc32(CRC_MIB);
  }

  static final class OnChicory implements Kernels {
    private final CoreFunction sieve;
    private final CoreFunction matmul;
    private final CoreFunction crc32;

    OnChicory() {
      CoreInstance i =
          new ChicoryEngine()
              .compile(Guests.bytes(Guests.BENCH_CORE))
              .instantiate(new CoreImports(), InstanceLimits.NONE);
      ((CoreFunction) i.export("_initialize").orElseThrow()).call();
      sieve = (CoreFunction) i.export("sieve").orElseThrow();
      matmul = (CoreFunction) i.export("matmul").orElseThrow();
      crc32 = (CoreFunction) i.export("crc32").orElseThrow();
    }

    @Override
    public int sieve(int n) {
      return (int) sieve.call(n)[0];
    }

    @Override
    public double matmul(int n) {
      return Double.longBitsToDouble(matmul.call(n)[0]);
    }

    @Override
    public int crc32(int rounds) {
      return (int) crc32.call(rounds)[0];
    }
  }

  static final class OnWasmtime implements Kernels {
    private final Store<Void> store;
    private final Module module;
    private final Instance instance;
    private final WasmFunctions.Function1<Integer, Integer> sieve;
    private final WasmFunctions.Function1<Integer, Double> matmul;
    private final WasmFunctions.Function1<Integer, Integer> crc32;

    OnWasmtime() {
      store = Store.withoutData();
      module = Module.fromBinary(store.engine(), Guests.bytes(Guests.BENCH_CORE));
      instance = new Instance(store, module, List.of());
      Func init = instance.getFunc(store, "_initialize").orElseThrow();
      init.call(store);
      sieve = fn(instance, "sieve", WasmValType.I32);
      matmul = fn(instance, "matmul", WasmValType.F64);
      crc32 = fn(instance, "crc32", WasmValType.I32);
    }

    private <R> WasmFunctions.Function1<Integer, R> fn(
        Instance i, String name, WasmValType<R> result) {
      Func f = i.getFunc(store, name).orElseThrow();
      return WasmFunctions.func(store, f, WasmValType.I32, result);
    }

    @Override
    public int sieve(int n) {
      return sieve.call(n);
    }

    @Override
    public double matmul(int n) {
      return matmul.call(n);
    }

    @Override
    public int crc32(int rounds) {
      return crc32.call(rounds);
    }

    @Override
    public void close() {
      instance.dispose();
      module.dispose();
      store.dispose();
    }
  }
}
