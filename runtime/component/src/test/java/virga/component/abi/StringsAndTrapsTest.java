package virga.component.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import virga.component.TrapException;
import virga.component.types.ValType;
import virga.component.types.ValType.Primitive;
import virga.component.values.Value;
import virga.component.values.ValueTypeException;

/** String encodings byte for byte, the realloc protocol, and the traps guests can provoke. */
class StringsAndTrapsTest {
  final TestMemory mem = new TestMemory(1024);

  AbiContext cx(StringEncoding enc) {
    return new AbiContext(mem.options(enc), new ComponentInstanceState("t"), new CallScope());
  }

  long[] lower(StringEncoding enc, ValType t, Value v) {
    TypePlan p = TypePlans.of(t);
    FlatCursor out = new FlatCursor(new long[p.flatCount]);
    p.lowerFlat(cx(enc), v, out);
    return out.vals;
  }

  Value lift(StringEncoding enc, ValType t, long... flat) {
    return TypePlans.of(t).liftFlat(cx(enc), new FlatCursor(flat));
  }

  byte[] at(long ptr, int len) {
    return mem.readBytes((int) ptr, len);
  }

  @Test
  void asciiToUtf8IsOneExactRealloc() {
    long[] f = lower(StringEncoding.UTF8, Primitive.STRING, Value.string("hello"));
    assertThat(f[1]).isEqualTo(5);
    assertThat(at(f[0], 5)).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
    assertThat(mem.reallocCalls).hasSize(1);
    assertThat(mem.reallocCalls.get(0)).containsExactly(0, 0, 1, 5);
  }

  @Test
  void nonAsciiToUtf8IsOneExactReallocToo() {
    // host strings are encoded first and allocated once with the exact UTF-8 length (wasmtime,
    // jco): the wasi preview1 adapter's allocator aborts on a second allocation per import call
    String s = "h€llo"; // 5 UTF-16 units, 7 UTF-8 bytes
    long[] f = lower(StringEncoding.UTF8, Primitive.STRING, Value.string(s));
    assertThat(f[1]).isEqualTo(7);
    assertThat(at(f[0], 7)).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    assertThat(mem.reallocCalls).hasSize(1);
    assertThat(mem.reallocCalls.get(0)).containsExactly(0, 0, 1, 7);
    mem.reallocCalls.clear();
    long[] g = lower(StringEncoding.UTF8, Primitive.STRING, Value.string("\u00fcber 🎉"));
    assertThat(g[1]).isEqualTo(10);
    assertThat(mem.reallocCalls).hasSize(1);
    assertThat(mem.reallocCalls.get(0)).containsExactly(0, 0, 1, 10);
  }

  @Test
  void utf16IsLittleEndianCodeUnits() {
    long[] f = lower(StringEncoding.UTF16, Primitive.STRING, Value.string("a🎉"));
    assertThat(f[1]).isEqualTo(3);
    assertThat(f[0] % 2).isZero();
    assertThat(at(f[0], 6)).isEqualTo("a🎉".getBytes(StandardCharsets.UTF_16LE));
    assertThat(mem.reallocCalls).hasSize(1);
    assertThat(mem.reallocCalls.get(0)).containsExactly(0, 0, 2, 6);
  }

  @Test
  void latin1WhenEveryCharFitsOtherwiseTaggedUtf16() {
    long[] latin = lower(StringEncoding.LATIN1_UTF16, Primitive.STRING, Value.string("héllo"));
    assertThat(latin[1]).isEqualTo(5);
    assertThat(at(latin[0], 5)).isEqualTo("héllo".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(mem.reallocCalls).hasSize(1);
    assertThat(mem.reallocCalls.get(0)).containsExactly(0, 0, 2, 5);
    mem.reallocCalls.clear();
    long[] wide = lower(StringEncoding.LATIN1_UTF16, Primitive.STRING, Value.string("hé€"));
    assertThat((int) wide[1]).isEqualTo(3 | StringEncoding.UTF16_TAG);
    assertThat(at(wide[0], 6)).isEqualTo("hé€".getBytes(StandardCharsets.UTF_16LE));
    // one exact allocation of UTF-16, not Latin-1 first and then a grow (the spec's sequence)
    assertThat(mem.reallocCalls).hasSize(1);
    assertThat(mem.reallocCalls.get(0)).containsExactly(0, 0, 2, 6);
  }

  @Test
  void guestStringsDecodeInEachEncoding() {
    mem.writeBytes(100, "Grüße".getBytes(StandardCharsets.UTF_8));
    assertThat(lift(StringEncoding.UTF8, Primitive.STRING, 100, 7))
        .isEqualTo(Value.string("Grüße"));
    mem.writeBytes(200, "Grüße".getBytes(StandardCharsets.UTF_16LE));
    assertThat(lift(StringEncoding.UTF16, Primitive.STRING, 200, 5))
        .isEqualTo(Value.string("Grüße"));
    assertThat(
            lift(StringEncoding.LATIN1_UTF16, Primitive.STRING, 200, 5 | StringEncoding.UTF16_TAG))
        .isEqualTo(Value.string("Grüße"));
    mem.writeBytes(300, "Grüße".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(lift(StringEncoding.LATIN1_UTF16, Primitive.STRING, 300, 5))
        .isEqualTo(Value.string("Grüße"));
  }

  @Test
  void invalidUtf8Traps() {
    byte[][] bad = {
      {(byte) 0x80}, // lone continuation
      {(byte) 0xC0, (byte) 0x80}, // overlong NUL
      {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, // overlong
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // encoded surrogate
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
      {(byte) 0xE2, (byte) 0x82}, // truncated
    };
    for (byte[] b : bad) {
      mem.writeBytes(100, b);
      assertThatThrownBy(() -> lift(StringEncoding.UTF8, Primitive.STRING, 100, b.length))
          .isInstanceOf(TrapException.class)
          .hasMessageContaining("invalid UTF-8");
    }
  }

  @Test
  void unpairedUtf16SurrogateTraps() {
    mem.writeBytes(100, new byte[] {0x3D, (byte) 0xD8, 'a', 0});
    assertThatThrownBy(() -> lift(StringEncoding.UTF16, Primitive.STRING, 100, 2))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("surrogate");
  }

  @Test
  void misalignedUtf16PointerTraps() {
    assertThatThrownBy(() -> lift(StringEncoding.UTF16, Primitive.STRING, 101, 1))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("aligned");
  }

  @Test
  void outOfBoundsPointersTrap() {
    assertThatThrownBy(() -> lift(StringEncoding.UTF8, Primitive.STRING, 1020, 8))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("out of bounds");
    assertThatThrownBy(() -> lift(StringEncoding.UTF8, Primitive.STRING, -4, 1))
        .isInstanceOf(TrapException.class);
    assertThatThrownBy(
            () -> lift(StringEncoding.UTF8, new ValType.ListType(Primitive.U64), 1000, 0x7FFF_FFFF))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("out of bounds");
  }

  @Test
  void hugeListOfZeroSizedElementsTrapsInsteadOfAllocating() {
    ValType t = new ValType.ListType(new ValType.FlagsType(List.of()));
    assertThatThrownBy(() -> lift(StringEncoding.UTF8, t, 0, -1)).isInstanceOf(TrapException.class);
  }

  @Test
  void misalignedOrOutOfBoundsReallocResultTraps() {
    mem.skew = 1;
    assertThatThrownBy(() -> lower(StringEncoding.UTF16, Primitive.STRING, Value.string("ab")))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("realloc result")
        .hasMessageContaining("aligned");
    mem.skew = 4096;
    assertThatThrownBy(() -> lower(StringEncoding.UTF8, Primitive.STRING, Value.string("ab")))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("out of bounds");
  }

  @Test
  void badDiscriminantTrapsFlatAndInMemory() {
    ValType opt = new ValType.OptionType(Primitive.U8);
    assertThatThrownBy(() -> lift(StringEncoding.UTF8, opt, 2, 0))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("discriminant 2");
    mem.writeByte(64, (byte) 5);
    AbiContext c = cx(StringEncoding.UTF8);
    assertThatThrownBy(() -> TypePlans.of(new ValType.EnumType(List.of("a", "b"))).load(c, 64))
        .isInstanceOf(TrapException.class);
  }

  @Test
  void invalidCharsTrapAndBoolIsNonZero() {
    assertThatThrownBy(() -> lift(StringEncoding.UTF8, Primitive.CHAR, 0xD800))
        .isInstanceOf(TrapException.class);
    assertThatThrownBy(() -> lift(StringEncoding.UTF8, Primitive.CHAR, 0x110000))
        .isInstanceOf(TrapException.class);
    assertThat(lift(StringEncoding.UTF8, Primitive.BOOL, 42)).isEqualTo(Value.bool(true));
    assertThat(lift(StringEncoding.UTF8, Primitive.U8, 0x1FF)).isEqualTo(Value.u8(0xFF));
    assertThat(lift(StringEncoding.UTF8, Primitive.S8, 0xFF)).isEqualTo(Value.s8(-1));
  }

  @Test
  void nansAreCanonicalised() {
    long weirdNan = 0x7FA0_0001L;
    Value v = lift(StringEncoding.UTF8, Primitive.F32, weirdNan);
    assertThat(Float.floatToRawIntBits(((Value.F32) v).value())).isEqualTo(0x7FC0_0000);
    long[] f =
        lower(
            StringEncoding.UTF8,
            Primitive.F64,
            Value.f64(Double.longBitsToDouble(0xFFF0_0000_0000_0001L)));
    assertThat(f[0]).isEqualTo(0x7FF8_0000_0000_0000L);
  }

  @Test
  void variantPayloadInAnI64SlotIsZeroExtendedAndWrappedBack() {
    ValType v = new ValType.ResultType(Primitive.S32, Primitive.S64);
    long[] f = lower(StringEncoding.UTF8, v, Value.ok(Value.s32(-1)));
    assertThat(f).containsExactly(0, 0xFFFF_FFFFL);
    assertThat(lift(StringEncoding.UTF8, v, 0, 0x1234_5678_FFFF_FFFFL))
        .isEqualTo(Value.ok(Value.s32(-1)));
    ValType fv = new ValType.ResultType(Primitive.F32, Primitive.U64);
    long[] g = lower(StringEncoding.UTF8, fv, Value.ok(Value.f32(-2.0f)));
    assertThat(g[1]).isEqualTo(Float.floatToIntBits(-2.0f) & 0xFFFF_FFFFL);
    assertThat(lift(StringEncoding.UTF8, fv, g)).isEqualTo(Value.ok(Value.f32(-2.0f)));
  }

  @Test
  void hostStringWithUnpairedSurrogateIsRejected() {
    for (StringEncoding enc : StringEncoding.values()) {
      assertThatThrownBy(() -> lower(enc, Primitive.STRING, Value.string("a\uD800b")))
          .isInstanceOf(ValueTypeException.class);
    }
  }
}
