package virga.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import virga.component.Engine;
import virga.component.Linker;
import virga.component.runtime.ComponentFunction;
import virga.component.types.FuncType;
import virga.component.types.ValType;
import virga.component.values.Value;

/**
 * Goal 3 at the component level: {@code guest/hostcall.component.wat} imports {@code host-add:
 * func(a: u32, b: u32) -> u32}, supplied with {@link Linker#function}; its export {@code
 * call-host-loop(n)} calls the import n times from inside the guest (score per guest -> host ->
 * guest round trip), {@code call-host(a, b)} once from an export call. The jco-on-node peer is in
 * {@code node/peer.mjs}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ComponentHostCallBench {
  static final int LOOP = HostCallBench.LOOP;

  private ComponentFunction callHost;
  private ComponentFunction callHostLoop;
  private Value loopArg;
  private int x;

  @Setup
  public void setup() {
    var u32 = ValType.Primitive.U32;
    var type =
        new FuncType(List.of(new FuncType.Param("a", u32), new FuncType.Param("b", u32)), u32);
    Linker linker =
        new Linker()
            .function(
                "host-add",
                type,
                args ->
                    Value.u32(
                        (((Value.U32) args[0]).value() + ((Value.U32) args[1]).value())
                            & 0xFFFF_FFFFL));
    var instance =
        linker.instantiate(Engine.create().compile(Guests.bytes(Guests.HOSTCALL_COMPONENT)));
    callHost = instance.function("call-host");
    callHostLoop = instance.function("call-host-loop");
    loopArg = Value.u32(LOOP);
    Guests.check(((Value.U32) callHost.call(Value.u32(2), Value.u32(3))).value() == 5, "call-host");
    long expect = 0;
    for (int i = 0; i < LOOP; i++) {
      expect += i;
    }
    Guests.check(((Value.U32) callHostLoop.call(loopArg)).value() == expect, "call-host-loop");
  }

  @Benchmark
  @OperationsPerInvocation(LOOP)
  public Value importRoundTrip() {
    return callHostLoop.call(loopArg);
  }

  @Benchmark
  public Value exportCallingImport() {
    return callHost.call(Value.u32(++x & 0xFFFF), Value.u32(7));
  }
}
