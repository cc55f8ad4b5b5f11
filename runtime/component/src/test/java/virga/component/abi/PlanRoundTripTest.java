package virga.component.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import virga.component.types.ValType;
import virga.component.types.ValType.Case;
import virga.component.types.ValType.Field;
import virga.component.types.ValType.Primitive;
import virga.component.values.Value;
import virga.component.values.ValueTypeException;
import virga.component.values.Values;

/** Every type kind survives lower→lift, flat and through memory, in every string encoding. */
class PlanRoundTripTest {
  static final ValType.VariantType SHAPE =
      new ValType.VariantType(
          List.of(
              new Case("circle", Primitive.F32),
              new Case("rect", new ValType.TupleType(List.of(Primitive.U32, Primitive.U64))),
              new Case("label", Primitive.STRING),
              new Case("empty", null)));

  static final ValType.FlagsType MANY_FLAGS =
      new ValType.FlagsType(IntStream.range(0, 40).mapToObj(i -> "f" + i).toList());

  static Stream<Arguments> cases() {
    ValType.RecordType person =
        new ValType.RecordType(
            List.of(
                new Field("name", Primitive.STRING),
                new Field("age", Primitive.U8),
                new Field("tags", new ValType.ListType(Primitive.STRING))));
    return Stream.of(
        Arguments.of(Primitive.BOOL, Value.bool(true)),
        Arguments.of(Primitive.S8, Value.s8(-128)),
        Arguments.of(Primitive.U8, Value.u8(255)),
        Arguments.of(Primitive.S16, Value.s16(-32768)),
        Arguments.of(Primitive.U16, Value.u16(65535)),
        Arguments.of(Primitive.S32, Value.s32(Integer.MIN_VALUE)),
        Arguments.of(Primitive.U32, Value.u32(0xFFFF_FFFFL)),
        Arguments.of(Primitive.S64, Value.s64(Long.MIN_VALUE)),
        Arguments.of(Primitive.U64, Value.u64(-1L)),
        Arguments.of(Primitive.F32, Value.f32(-1.5f)),
        Arguments.of(Primitive.F64, Value.f64(Double.NEGATIVE_INFINITY)),
        Arguments.of(Primitive.CHAR, Value.character(0x1F389)),
        Arguments.of(Primitive.STRING, Value.string("")),
        Arguments.of(Primitive.STRING, Value.string("hello")),
        Arguments.of(Primitive.STRING, Value.string("héllo wörld")),
        Arguments.of(Primitive.STRING, Value.string("€ and 🎉")),
        Arguments.of(new ValType.ListType(Primitive.U8), Value.list(Value.u8(1), Value.u8(200))),
        Arguments.of(
            new ValType.ListType(Primitive.U16), Value.list(Value.u16(1), Value.u16(60000))),
        Arguments.of(
            new ValType.ListType(new ValType.ListType(Primitive.STRING)),
            Value.list(Value.list(Value.string("a"), Value.string("bc")), Value.list())),
        Arguments.of(
            person,
            Value.record(
                Value.field("name", Value.string("Ada")),
                Value.field("age", Value.u8(36)),
                Value.field("tags", Value.list(Value.string("x"))))),
        Arguments.of(
            new ValType.TupleType(List.of(Primitive.U8, Primitive.F64, Primitive.CHAR)),
            Value.tuple(Value.u8(1), Value.f64(2.5), Value.character('z'))),
        Arguments.of(SHAPE, Value.variant("circle", Value.f32(2.0f))),
        Arguments.of(SHAPE, Value.variant("rect", Value.tuple(Value.u32(3), Value.u64(1L << 40)))),
        Arguments.of(SHAPE, Value.variant("label", Value.string("hi"))),
        Arguments.of(SHAPE, Value.variant("empty")),
        Arguments.of(new ValType.EnumType(List.of("red", "green", "blue")), Value.enumCase("blue")),
        Arguments.of(new ValType.OptionType(Primitive.STRING), Value.some(Value.string("x"))),
        Arguments.of(new ValType.OptionType(Primitive.STRING), Value.none()),
        Arguments.of(
            new ValType.OptionType(new ValType.OptionType(Primitive.U8)), Value.some(Value.none())),
        Arguments.of(
            new ValType.OptionType(new ValType.OptionType(Primitive.U8)),
            Value.some(Value.some(Value.u8(7)))),
        Arguments.of(
            new ValType.ResultType(Primitive.U32, Primitive.STRING), Value.ok(Value.u32(9))),
        Arguments.of(
            new ValType.ResultType(Primitive.U32, Primitive.STRING),
            Value.err(Value.string("bad"))),
        Arguments.of(new ValType.ResultType(null, null), Value.err()),
        Arguments.of(
            new ValType.ResultType(Primitive.F32, Primitive.F64), Value.ok(Value.f32(0.25f))),
        Arguments.of(
            new ValType.ResultType(Primitive.F32, Primitive.F64), Value.err(Value.f64(-0.5))),
        Arguments.of(
            new ValType.FlagsType(List.of("read", "write", "exec")), Value.flags("read", "exec")),
        Arguments.of(new ValType.FlagsType(List.of("read", "write")), Value.flags()),
        Arguments.of(MANY_FLAGS, Value.flags("f0", "f31", "f32", "f39")));
  }

  static final StringEncoding[] ENCODINGS = StringEncoding.values();

  @ParameterizedTest
  @MethodSource("cases")
  void flatRoundTrip(ValType type, Value value) {
    for (StringEncoding enc : ENCODINGS) {
      TestMemory mem = new TestMemory(4096);
      AbiContext cx =
          new AbiContext(mem.options(enc), new ComponentInstanceState("t"), new CallScope());
      TypePlan plan = TypePlans.of(type);
      assertThat(plan.flatCount).isEqualTo(Flattening.flattenType(type).size());
      FlatCursor out = new FlatCursor(new long[plan.flatCount]);
      plan.lowerFlat(cx, value, out);
      assertThat(out.pos).isEqualTo(plan.flatCount);
      FlatCursor in = new FlatCursor(out.vals);
      Value back = plan.liftFlat(cx, in);
      assertThat(back).as(enc.name()).isEqualTo(value);
      assertThat(in.pos).isEqualTo(plan.flatCount);
      Values.typeCheck(type, back);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void memoryRoundTrip(ValType type, Value value) {
    for (StringEncoding enc : ENCODINGS) {
      TestMemory mem = new TestMemory(4096);
      AbiContext cx =
          new AbiContext(mem.options(enc), new ComponentInstanceState("t"), new CallScope());
      TypePlan plan = TypePlans.of(type);
      assertThat(plan.size).isEqualTo(Layout.size(type));
      assertThat(plan.align).isEqualTo(Layout.alignment(type));
      int ptr = 1024;
      plan.store(cx, value, ptr);
      assertThat(plan.load(cx, ptr)).as(enc.name()).isEqualTo(value);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aValueOfAnotherTypeIsRejectedWhenLowered(ValType type, Value value) {
    TestMemory mem = new TestMemory(4096);
    AbiContext cx =
        new AbiContext(
            mem.options(StringEncoding.UTF8), new ComponentInstanceState("t"), new CallScope());
    TypePlan plan = TypePlans.of(type);
    Value wrong = value instanceof Value.Str ? Value.u8(1) : Value.string("wrong");
    assertThatThrownBy(() -> plan.lowerFlat(cx, wrong, new FlatCursor(new long[plan.flatCount])))
        .isInstanceOf(ValueTypeException.class);
  }
}
