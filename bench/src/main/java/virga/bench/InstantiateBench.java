package virga.bench;

import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
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
import virga.component.Component;
import virga.component.Engine;
import virga.component.Linker;
import virga.component.core.CoreImports;
import virga.component.core.CoreModule;
import virga.component.core.InstanceLimits;
import virga.component.core.chicory.ChicoryEngine;

/**
 * Goal 1, instantiating a pre-compiled small C component (the reverse guest, no imports); sampled,
 * so the JSON carries the median. Compilation happens once in setup, never in the measured code.
 *
 * <ul>
 *   <li>{@code component}: {@link Linker#instantiate} of {@code guests/wasm/reverse.wasm} compiled
 *       once with {@link Engine#compile} (core instances, canonical-ABI wiring, export lifting);
 *   <li>{@code core-and-lift}: what instantiating this component minimally entails, done by hand
 *       with the component layer's pieces: {@link CoreModule#instantiate} of its core module plus
 *       {@code canon lift} of its export ({@link virga.component.abi.LiftedFunction} with a fresh
 *       {@link virga.component.abi.ComponentInstanceState}); a floor under {@code component};
 *   <li>{@code chicory-core}: {@link CoreModule#instantiate} of the guest's core module;
 *   <li>{@code wasmtime-core}: wasmtime-java 0.19 instantiating the same core module; one fresh
 *       {@code Store} per instance (wasmtime frees instances only with their store), created and
 *       disposed inside the measured call.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InstantiateBench {
  @Param({"component", "core-and-lift", "chicory-core", "wasmtime-core"})
  public String impl;

  private Component component;
  private Linker linker;
  private CoreModule chicoryModule;
  private io.github.kawamuray.wasmtime.Engine wasmtimeEngine;
  private Module wasmtimeModule;

  @Setup
  public void setup() {
    switch (impl) {
      case "component" -> {
        component = Engine.create().compile(Guests.bytes(Guests.REVERSE_COMPONENT));
        linker = new Linker();
      }
      case "chicory-core", "core-and-lift" ->
          chicoryModule = new ChicoryEngine().compile(Guests.bytes(Guests.REVERSE_CORE));
      case "wasmtime-core" -> {
        wasmtimeEngine = new io.github.kawamuray.wasmtime.Engine();
        wasmtimeModule = Module.fromBinary(wasmtimeEngine, Guests.bytes(Guests.REVERSE_CORE));
      }
      default -> throw new IllegalArgumentException(impl);
    }
    Guests.check(instantiate() != null, "instantiate");
  }

  @TearDown
  public void tearDown() {
    if (wasmtimeModule != null) {
      wasmtimeModule.dispose();
      wasmtimeEngine.dispose();
    }
  }

  @Benchmark
  public Object instantiate() {
    switch (impl) {
      case "component":
        return linker.instantiate(component);
      case "chicory-core":
        return chicoryModule.instantiate(new CoreImports(), InstanceLimits.NONE);
      case "core-and-lift":
        return ReverseBench.ViaLiftedFunction.lift(
            chicoryModule.instantiate(new CoreImports(), InstanceLimits.NONE));
      default:
        Store<Void> store = new Store<>(null, wasmtimeEngine);
        try {
          Instance i = new Instance(store, wasmtimeModule, List.of());
          i.dispose();
          return i;
        } finally {
          store.dispose();
        }
    }
  }
}
