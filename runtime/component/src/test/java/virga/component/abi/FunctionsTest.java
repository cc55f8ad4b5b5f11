package virga.component.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import virga.component.LinkException;
import virga.component.TrapException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.core.CoreValType;
import virga.component.types.FuncType;
import virga.component.types.ValType;
import virga.component.types.ValType.Primitive;
import virga.component.values.Value;

/** Lifted exports and lowered imports against hand-written guest core functions. */
class FunctionsTest {
  final TestMemory mem = new TestMemory(4096);
  final ComponentInstanceState guest = new ComponentInstanceState("guest");

  static FuncType fn(ValType result, ValType... params) {
    List<FuncType.Param> ps = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      ps.add(new FuncType.Param("p" + i, params[i]));
    }
    return new FuncType(ps, result);
  }

  static CoreFunction core(FuncType t, Flattening.Context ctx, CoreFunction.HostCall body) {
    return CoreFunction.host(Flattening.flattenFunc(t, ctx), body);
  }

  @Test
  void reverseStringRoundTripsThroughGuestMemoryAndRunsPostReturnAfterLifting() {
    FuncType t = fn(Primitive.STRING, Primitive.STRING);
    List<String> postReturnSaw = new ArrayList<>();
    CoreFunction reverse =
        core(
            t,
            Flattening.Context.LIFT,
            args -> {
              byte[] in = mem.readBytes((int) args[0], (int) args[1]);
              byte[] out = new byte[in.length];
              for (int i = 0; i < in.length; i++) {
                out[i] = in[in.length - 1 - i];
              }
              int p = (int) mem.realloc.call(0, 0, 1, out.length)[0];
              mem.writeBytes(p, out);
              mem.writeInt(8, p);
              mem.writeInt(12, out.length);
              return new long[] {8};
            });
    CoreFunction post =
        CoreFunction.host(
            new CoreFuncType(List.of(CoreValType.I32), List.of()),
            args -> {
              // the host must have copied the string out already: clobber it
              int p = mem.readInt((int) args[0]);
              postReturnSaw.add(new String(mem.readBytes(p, 3), StandardCharsets.UTF_8));
              mem.writeBytes(p, new byte[] {'x', 'x', 'x'});
              return new long[0];
            });
    LiftedFunction f =
        new LiftedFunction(
            t, new CanonOptions(StringEncoding.UTF8, mem, mem.realloc, post), reverse, guest);
    assertThat(f.call(Value.string("abc"))).isEqualTo(Value.string("cba"));
    assertThat(postReturnSaw).containsExactly("cba");
    assertThat(f.call(List.of(Value.string("hello")))).isEqualTo(Value.string("olleh"));
    // reversing UTF-8 bytes of a non-ASCII string yields invalid UTF-8: the lift traps
    assertThatThrownBy(() -> f.call(Value.string("é")))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("invalid UTF-8");
    assertThat(guest.isPoisoned()).isTrue();
  }

  @Test
  void seventeenParamsArePassedThroughMemory() {
    ValType[] ps = new ValType[17];
    java.util.Arrays.fill(ps, Primitive.U32);
    FuncType t = fn(Primitive.U64, ps);
    CoreFunction sum =
        core(
            t,
            Flattening.Context.LIFT,
            args -> {
              assertThat(args).hasSize(1);
              long s = 0;
              for (int i = 0; i < 17; i++) {
                s += mem.readInt((int) args[0] + 4 * i);
              }
              return new long[] {s};
            });
    LiftedFunction f = new LiftedFunction(t, mem.options(StringEncoding.UTF8), sum, guest);
    Value[] args = new Value[17];
    for (int i = 0; i < 17; i++) {
      args[i] = Value.u32(i + 1);
    }
    assertThat(f.call(args)).isEqualTo(Value.u64(153));
    assertThat(mem.reallocCalls.get(0)).containsExactly(0, 0, 4, 68);
  }

  @Test
  void loweredImportReadsSpilledParamsAndWritesThroughTheReturnPointer() {
    ValType[] ps = new ValType[17];
    java.util.Arrays.fill(ps, Primitive.U8);
    ps[16] = Primitive.STRING;
    FuncType t = fn(new ValType.TupleType(List.of(Primitive.STRING, Primitive.U32)), ps);
    LoweredFunction imp =
        new LoweredFunction(
            t,
            mem.options(StringEncoding.UTF8),
            args -> {
              assertThat(args).hasSize(17);
              String s = ((Value.Str) args.get(16)).value();
              return Value.tuple(
                  Value.string(s + "!"), Value.u32(((Value.U8) args.get(3)).value()));
            },
            guest);
    assertThat(imp.type())
        .isEqualTo(new CoreFuncType(List.of(CoreValType.I32, CoreValType.I32), List.of()));
    int area = 256; // tuple<u8 x16, string>: 16 bytes then (ptr, len) at 16
    for (int i = 0; i < 16; i++) {
      mem.writeByte(area + i, (byte) (i * 2));
    }
    mem.writeBytes(600, "hi".getBytes(StandardCharsets.UTF_8));
    mem.writeInt(area + 16, 600);
    mem.writeInt(area + 20, 2);
    assertThat(imp.call(area, 512)).isEmpty();
    int p = mem.readInt(512);
    assertThat(new String(mem.readBytes(p, mem.readInt(516)), StandardCharsets.UTF_8))
        .isEqualTo("hi!");
    assertThat(mem.readInt(520)).isEqualTo(6);
  }

  @Test
  void reentryTrapsAndATrapPoisonsTheInstance() {
    FuncType t = fn(null);
    LiftedFunction[] self = new LiftedFunction[1];
    CoreFunction reenter =
        core(
            t,
            Flattening.Context.LIFT,
            args -> {
              self[0].call();
              return new long[0];
            });
    self[0] = new LiftedFunction(t, CanonOptions.none(), reenter, guest);
    assertThatThrownBy(() -> self[0].call())
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("already running");
    assertThat(guest.isPoisoned()).isTrue();
    LiftedFunction other =
        new LiftedFunction(t, CanonOptions.none(), core(t, Flattening.Context.LIFT, a -> a), guest);
    assertThatThrownBy(other::call)
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("poisoned");
  }

  @Test
  void guestMayNotCallAnImportFromRealloc() {
    FuncType imported = fn(null);
    LoweredFunction imp = new LoweredFunction(imported, CanonOptions.none(), a -> null, guest);
    CoreFunction sneakyRealloc =
        CoreFunction.host(
            mem.realloc.type(),
            args -> {
              imp.call();
              return mem.realloc.call(args);
            });
    FuncType t = fn(null, Primitive.STRING);
    LiftedFunction f =
        new LiftedFunction(
            t,
            new CanonOptions(StringEncoding.UTF8, mem, sneakyRealloc, null),
            core(t, Flattening.Context.LIFT, a -> new long[0]),
            guest);
    assertThatThrownBy(() -> f.call(Value.string("x")))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("may not call an import");
  }

  @Test
  void missingOptionsAndWrongCoreSignatureAreLinkErrors() {
    FuncType t = fn(Primitive.STRING);
    assertThatThrownBy(
            () ->
                new LiftedFunction(
                    t, CanonOptions.none(), core(t, Flattening.Context.LIFT, a -> a), guest))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("memory");
    assertThatThrownBy(
            () ->
                new LiftedFunction(
                    t,
                    mem.options(StringEncoding.UTF8),
                    core(fn(null), Flattening.Context.LIFT, a -> a),
                    guest))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("expected");
    assertThatThrownBy(
            () ->
                new LoweredFunction(
                    t, new CanonOptions(StringEncoding.UTF8, mem, null, null), a -> null, guest))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("realloc");
  }

  @Test
  void hostFunctionReturningTheWrongTypeIsReported() {
    FuncType t = fn(Primitive.U32);
    LoweredFunction imp =
        new LoweredFunction(t, CanonOptions.none(), a -> Value.string("no"), guest);
    assertThatThrownBy(imp::call)
        .isInstanceOf(virga.component.values.ValueTypeException.class)
        .hasMessageContaining("expected u32");
  }
}
