package virga.bench;

import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.WasmFunctions;
import io.github.kawamuray.wasmtime.WasmValType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
import virga.component.Engine;
import virga.component.Linker;
import virga.component.abi.CanonOptions;
import virga.component.abi.ComponentInstanceState;
import virga.component.abi.LiftedFunction;
import virga.component.abi.StringEncoding;
import virga.component.core.CoreFunction;
import virga.component.core.CoreImports;
import virga.component.core.CoreInstance;
import virga.component.core.CoreMemory;
import virga.component.core.InstanceLimits;
import virga.component.core.chicory.ChicoryEngine;
import virga.component.runtime.ComponentFunction;
import virga.component.types.FuncType;
import virga.component.types.ValType;
import virga.component.values.Value;

/**
 * Goal 2, an export call {@code reverse(string) -> string} on a 32-byte ASCII string, the C reverse
 * guest ({@code guests/reverse/reverse.c}):
 *
 * <ul>
 *   <li>{@code component}: through the component API ({@link Engine}, {@link Linker}, {@link
 *       ComponentFunction#call}) on {@code guests/wasm/reverse.wasm}: lowering the argument, the
 *       call, lifting the result, post-return;
 *   <li>{@code abi-lifted}: the component layer's canonical ABI ({@link LiftedFunction}, {@code
 *       canon lift} with utf8, memory, realloc and post-return) over the guest's core module
 *       instantiated through {@link ChicoryEngine}: the call path of {@code component} without the
 *       component instantiation around it;
 *   <li>{@code chicory-core-abi}: the same canonical-ABI steps written by hand over the core SPI
 *       ({@code cabi_realloc}, write, {@code reverse}, read the result, {@code cabi_post_reverse})
 *       on the guest's core module, i.e. the floor under the component layer;
 *   <li>{@code wasmtime-core-abi}: the same hand-written steps on wasmtime-java 0.19.
 * </ul>
 *
 * The jco-on-node peer is {@code node/peer.mjs}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReverseBench {
  /** One way of calling reverse. */
  interface Reverse extends AutoCloseable {
    String reverse(String s);

    @Override
    default void close() {}
  }

  @Param({"component", "abi-lifted", "chicory-core-abi", "wasmtime-core-abi"})
  public String impl;

  private Reverse r;
  private String input;

  @Setup
  public void setup() {
    r =
        switch (impl) {
          case "component" -> new ViaComponent();
          case "abi-lifted" -> new ViaLiftedFunction();
          case "chicory-core-abi" -> new ChicoryCoreAbi();
          case "wasmtime-core-abi" -> new WasmtimeCoreAbi();
          default -> throw new IllegalArgumentException(impl);
        };
    input = Guests.INPUT_32;
    Guests.check(input.getBytes(StandardCharsets.UTF_8).length == 32, "input is 32 bytes");
    for (int i = 0; i < 3; i++) {
      Guests.check(Guests.INPUT_32_REVERSED.equals(r.reverse(input)), "reverse");
    }
    Guests.check("🎉 ✓ dlröW".equals(r.reverse("Wörld ✓ 🎉")), "reverse (non-ASCII)");
  }

  @TearDown
  public void tearDown() throws Exception {
    r.close();
  }

  @Benchmark
  public String reverse() {
    return r.reverse(input);
  }

  static final class ViaComponent implements Reverse {
    private final ComponentFunction f;

    ViaComponent() {
      Engine engine = Engine.create();
      var component = engine.compile(Guests.bytes(Guests.REVERSE_COMPONENT));
      f = new Linker().instantiate(component).function("reverse");
    }

    @Override
    public String reverse(String s) {
      return ((Value.Str) f.call(Value.string(s))).value();
    }
  }

  /** The signature of the guest's export: {@code reverse: func(s: string) -> string}. */
  static final FuncType REVERSE_TYPE =
      new FuncType(
          List.of(new FuncType.Param("s", ValType.Primitive.STRING)), ValType.Primitive.STRING);

  static final class ViaLiftedFunction implements Reverse {
    private final LiftedFunction f;

    ViaLiftedFunction() {
      CoreInstance i =
          new ChicoryEngine()
              .compile(Guests.bytes(Guests.REVERSE_CORE))
              .instantiate(new CoreImports(), InstanceLimits.NONE);
      f = lift(i);
    }

    static LiftedFunction lift(CoreInstance i) {
      var opts =
          new CanonOptions(
              StringEncoding.UTF8,
              (CoreMemory) i.export("memory").orElseThrow(),
              (CoreFunction) i.export("cabi_realloc").orElseThrow(),
              (CoreFunction) i.export("cabi_post_reverse").orElseThrow());
      return new LiftedFunction(
          REVERSE_TYPE,
          opts,
          (CoreFunction) i.export("reverse").orElseThrow(),
          new ComponentInstanceState("reverse"));
    }

    @Override
    public String reverse(String s) {
      return ((Value.Str) f.call(Value.string(s))).value();
    }
  }

  static final class ChicoryCoreAbi implements Reverse {
    private final CoreFunction realloc;
    private final CoreFunction reverse;
    private final CoreFunction post;
    private final CoreMemory memory;

    ChicoryCoreAbi() {
      CoreInstance i =
          new ChicoryEngine()
              .compile(Guests.bytes(Guests.REVERSE_CORE))
              .instantiate(new CoreImports(), InstanceLimits.NONE);
      realloc = (CoreFunction) i.export("cabi_realloc").orElseThrow();
      reverse = (CoreFunction) i.export("reverse").orElseThrow();
      post = (CoreFunction) i.export("cabi_post_reverse").orElseThrow();
      memory = (CoreMemory) i.export("memory").orElseThrow();
    }

    @Override
    public String reverse(String s) {
      byte[] in = s.getBytes(StandardCharsets.UTF_8);
      int p = (int) realloc.call(0, 0, 1, in.length)[0];
      memory.writeBytes(p, in);
      int ret = (int) reverse.call(p, in.length)[0];
      int outPtr = memory.readInt(ret);
      int outLen = memory.readInt(ret + 4);
      String out = new String(memory.readBytes(outPtr, outLen), StandardCharsets.UTF_8);
      post.call(ret);
      return out;
    }
  }

  static final class WasmtimeCoreAbi implements Reverse {
    private final Store<Void> store;
    private final Module module;
    private final Instance instance;
    private final Memory memory;
    private final WasmFunctions.Function4<Integer, Integer, Integer, Integer, Integer> realloc;
    private final WasmFunctions.Function2<Integer, Integer, Integer> reverse;
    private final WasmFunctions.Consumer1<Integer> post;

    WasmtimeCoreAbi() {
      store = Store.withoutData();
      module = Module.fromBinary(store.engine(), Guests.bytes(Guests.REVERSE_CORE));
      instance = new Instance(store, module, List.of());
      var i32 = WasmValType.I32;
      realloc = WasmFunctions.func(store, fn("cabi_realloc"), i32, i32, i32, i32, i32);
      reverse = WasmFunctions.func(store, fn("reverse"), i32, i32, i32);
      post = WasmFunctions.consumer(store, fn("cabi_post_reverse"), i32);
      memory = instance.getMemory(store, "memory").orElseThrow();
    }

    private Func fn(String name) {
      return instance.getFunc(store, name).orElseThrow();
    }

    @Override
    public String reverse(String s) {
      byte[] in = s.getBytes(StandardCharsets.UTF_8);
      int p = realloc.call(0, 0, 1, in.length);
      ByteBuffer buf = memory.buffer(store).order(ByteOrder.LITTLE_ENDIAN);
      buf.put(p, in);
      int ret = reverse.call(p, in.length);
      buf = memory.buffer(store).order(ByteOrder.LITTLE_ENDIAN); // the call may have grown memory
      int outPtr = buf.getInt(ret);
      int outLen = buf.getInt(ret + 4);
      byte[] out = new byte[outLen];
      buf.get(outPtr, out);
      post.accept(ret);
      return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      instance.dispose();
      module.dispose();
      store.dispose();
    }
  }
}
