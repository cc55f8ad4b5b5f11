package virga.component.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import virga.component.types.ValType;
import virga.component.types.ValType.Case;
import virga.component.types.ValType.Field;
import virga.component.types.ValType.Primitive;

/** WAVE printing as wasm-wave writes it, parsing back, and errors that name their offset. */
class WaveTest {
  static final ValType.RecordType POINT =
      new ValType.RecordType(
          List.of(
              new Field("x", Primitive.S32),
              new Field("label", new ValType.OptionType(Primitive.STRING))));
  static final ValType.VariantType CMD =
      new ValType.VariantType(
          List.of(
              new Case("ok", null), new Case("move", POINT), new Case("say", Primitive.STRING)));
  static final ValType.FlagsType PERMS = new ValType.FlagsType(List.of("read", "write", "exec"));

  static Stream<Arguments> printed() {
    return Stream.of(
        Arguments.of(Primitive.BOOL, Value.bool(false), "false"),
        Arguments.of(Primitive.S8, Value.s8(-5), "-5"),
        Arguments.of(Primitive.U64, Value.u64(-1L), "18446744073709551615"),
        Arguments.of(Primitive.S64, Value.s64(Long.MIN_VALUE), "-9223372036854775808"),
        Arguments.of(Primitive.U32, Value.u32(4294967295L), "4294967295"),
        Arguments.of(Primitive.F32, Value.f32(1.5f), "1.5"),
        Arguments.of(Primitive.F64, Value.f64(1.0), "1"),
        Arguments.of(Primitive.F64, Value.f64(1e20), "100000000000000000000"),
        Arguments.of(Primitive.F64, Value.f64(0.001), "0.001"),
        Arguments.of(Primitive.F32, Value.f32(0.1f), "0.1"),
        Arguments.of(Primitive.F64, Value.f64(-0.0), "-0"),
        Arguments.of(Primitive.F64, Value.f64(Double.NaN), "nan"),
        Arguments.of(Primitive.F32, Value.f32(Float.POSITIVE_INFINITY), "inf"),
        Arguments.of(Primitive.F64, Value.f64(Double.NEGATIVE_INFINITY), "-inf"),
        Arguments.of(Primitive.CHAR, Value.character('a'), "'a'"),
        Arguments.of(Primitive.CHAR, Value.character('\''), "'\\''"),
        Arguments.of(Primitive.CHAR, Value.character('"'), "'\\\"'"),
        Arguments.of(Primitive.CHAR, Value.character(0x1F389), "'🎉'"),
        Arguments.of(Primitive.CHAR, Value.character(7), "'\\u{7}'"),
        Arguments.of(
            Primitive.STRING,
            Value.string("tab\there \"q\" it's\n"),
            "\"tab\\there \\\"q\\\" it\\'s\\n\""),
        Arguments.of(
            Primitive.STRING,
            Value.string("e\u0301 \u200b \u00a0x"),
            "\"e\\u{301} \\u{200b} \\u{a0}x\""),
        Arguments.of(
            Primitive.STRING, Value.string("back\\slash \u0000"), "\"back\\\\slash \\u{0}\""),
        Arguments.of(
            new ValType.ListType(Primitive.U8), Value.list(Value.u8(1), Value.u8(2)), "[1, 2]"),
        Arguments.of(new ValType.ListType(Primitive.U8), Value.list(), "[]"),
        Arguments.of(
            new ValType.TupleType(List.of(Primitive.U8, Primitive.STRING)),
            Value.tuple(Value.u8(1), Value.string("x")),
            "(1, \"x\")"),
        Arguments.of(
            POINT,
            Value.record(
                Value.field("x", Value.s32(1)),
                Value.field("label", Value.some(Value.string("p")))),
            "{x: 1, label: some(\"p\")}"),
        Arguments.of(
            POINT,
            Value.record(Value.field("x", Value.s32(-1)), Value.field("label", Value.none())),
            "{x: -1}"),
        Arguments.of(
            new ValType.RecordType(List.of(new Field("a", new ValType.OptionType(Primitive.U8)))),
            Value.record(Value.field("a", Value.none())),
            "{:}"),
        Arguments.of(CMD, Value.variant("ok"), "%ok"),
        Arguments.of(CMD, Value.variant("say", Value.string("hi")), "say(\"hi\")"),
        Arguments.of(
            new ValType.EnumType(List.of("red", "dark-blue", "nan")),
            Value.enumCase("dark-blue"),
            "dark-blue"),
        Arguments.of(new ValType.EnumType(List.of("red", "nan")), Value.enumCase("nan"), "%nan"),
        Arguments.of(
            new ValType.OptionType(new ValType.OptionType(Primitive.U8)),
            Value.some(Value.none()),
            "some(none)"),
        Arguments.of(new ValType.OptionType(Primitive.U8), Value.none(), "none"),
        Arguments.of(new ValType.ResultType(null, Primitive.STRING), Value.ok(), "ok"),
        Arguments.of(
            new ValType.ResultType(null, Primitive.STRING),
            Value.err(Value.string("x")),
            "err(\"x\")"),
        Arguments.of(new ValType.ResultType(Primitive.U8, null), Value.ok(Value.u8(3)), "ok(3)"),
        Arguments.of(PERMS, Value.flags("exec", "read"), "{read, exec}"),
        Arguments.of(PERMS, Value.flags(), "{}"));
  }

  @ParameterizedTest
  @MethodSource("printed")
  void printsLikeWasmWaveAndParsesBack(ValType type, Value value, String text) {
    assertThat(Wave.print(type, value)).isEqualTo(text);
    assertThat(Wave.parse(type, text)).isEqualTo(value);
  }

  @Test
  void parsesTheLenientForms() {
    assertThat(Wave.parse(new ValType.OptionType(Primitive.U32), "5"))
        .isEqualTo(Value.some(Value.u32(5)));
    assertThat(Wave.parse(new ValType.ResultType(Primitive.U32, null), "5"))
        .isEqualTo(Value.ok(Value.u32(5)));
    assertThat(Wave.parse(new ValType.ListType(Primitive.S16), " [ 1 , -2 , ] // trailing comma\n"))
        .isEqualTo(Value.list(Value.s16(1), Value.s16(-2)));
    assertThat(Wave.parse(POINT, "{x: 3,}"))
        .isEqualTo(
            Value.record(Value.field("x", Value.s32(3)), Value.field("label", Value.none())));
    assertThat(Wave.parse(POINT, "{label: \"a\", x: 0}"))
        .isEqualTo(
            Value.record(
                Value.field("x", Value.s32(0)),
                Value.field("label", Value.some(Value.string("a")))));
    assertThat(Wave.parse(Primitive.STRING, "\"\\u{1f389}\\u{48}\""))
        .isEqualTo(Value.string("🎉H"));
    assertThat(Wave.parse(Primitive.F32, "1e3")).isEqualTo(Value.f32(1000f));
    assertThat(Wave.parse(Primitive.F64, "nan")).isEqualTo(Value.f64(Double.NaN));
    assertThat(Wave.parse(CMD, "move({x: 1})"))
        .isEqualTo(
            Value.variant(
                "move",
                Value.record(Value.field("x", Value.s32(1)), Value.field("label", Value.none()))));
  }

  @Test
  void parsesMultilineStrings() {
    String text = "\"\"\"\n    line one\n      indented \\\"q\\\"\n    \"\"\"";
    assertThat(Wave.parse(Primitive.STRING, text))
        .isEqualTo(Value.string("line one\n  indented \"q\""));
    assertThatThrownBy(() -> Wave.parse(Primitive.STRING, "\"\"\"x\n\"\"\""))
        .isInstanceOf(WaveException.class)
        .hasMessageContaining("multiline");
  }

  @Test
  void errorsNameTheirOffset() {
    assertError(new ValType.ListType(Primitive.U8), "[1, 2", "unexpected end", 5);
    assertError(Primitive.STRING, "\"abc", "invalid token", 0);
    assertError(new ValType.ListType(Primitive.U8), "[1, 256]", "invalid value for u8", 4);
    assertError(Primitive.U32, "-1", "invalid value", 0);
    assertError(Primitive.S32, "1.5", "invalid value", 0);
    assertError(Primitive.U8, "1 2", "trailing characters", 2);
    assertError(POINT, "{x: 1, y: 2}", "unknown field y", 7);
    assertError(POINT, "{label: none}", "missing field x", 0);
    assertError(PERMS, "{read, read}", "duplicate flag", 7);
    assertError(PERMS, "{read, all}", "unknown flag all", 7);
    assertError(new ValType.TupleType(List.of(Primitive.U8)), "()", "empty tuple", 0);
    assertError(
        new ValType.TupleType(List.of(Primitive.U8)), "(1, 2)", "wrong number of tuple values", 0);
    assertError(CMD, "say", "missing payload", 0);
    assertError(CMD, "ok(1)", "invalid value type", 0);
    assertError(CMD, "jump", "unknown case jump", 0);
    assertError(Primitive.CHAR, "'ab'", "invalid token", 0);
    assertError(Primitive.STRING, "\"\\u{d800}\"", "invalid character escape", 1);
    assertError(Primitive.BOOL, "1", "invalid value type", 0);
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    ValType t = Primitive.U8;
    for (int i = 0; i < 150; i++) {
      t = new ValType.ListType(t);
    }
    String text = "[".repeat(150) + "]".repeat(150);
    ValType deep = t;
    assertThatThrownBy(() -> Wave.parse(deep, text))
        .isInstanceOf(WaveException.class)
        .hasMessageContaining("nesting too deep");
  }

  @Test
  void splitsCallExpressions() {
    WaveCall call = Wave.parseCall("greet(\"a, (b)\", [1, 2], {x: 1})");
    assertThat(call.name()).isEqualTo("greet");
    assertThat(call.args()).containsExactly("\"a, (b)\"", "[1, 2]", "{x: 1}");
    assertThat(Wave.parseCall("wasi:cli/run@0.2.0#run()"))
        .isEqualTo(new WaveCall("wasi:cli/run@0.2.0#run", List.of()));
    assertThat(Wave.parseCall("f(1,)").args()).containsExactly("1");
    assertThatThrownBy(() -> Wave.parseCall("f(1")).isInstanceOf(WaveException.class);
    assertThatThrownBy(() -> Wave.parseCall("f(1) x"))
        .isInstanceOf(WaveException.class)
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> Wave.parseCall("f")).isInstanceOf(WaveException.class);
  }

  @Test
  void callArgumentsParseAgainstParamTypes() {
    WaveCall call = Wave.parseCall("add(1, \"x\")");
    ValType opt = new ValType.OptionType(Primitive.U8);
    assertThat(call.values(List.of(Primitive.U32, Primitive.STRING, opt)))
        .containsExactly(Value.u32(1), Value.string("x"), Value.none());
    assertThatThrownBy(() -> call.values(List.of(Primitive.U32)))
        .isInstanceOf(WaveException.class)
        .hasMessageContaining("more param");
    assertThatThrownBy(() -> call.values(List.of(Primitive.U32, Primitive.STRING, Primitive.U8)))
        .isInstanceOf(WaveException.class)
        .hasMessageContaining("missing required");
  }

  @Test
  void printingChecksTheType() {
    assertThatThrownBy(() -> Wave.print(Primitive.U8, Value.string("x")))
        .isInstanceOf(ValueTypeException.class)
        .hasMessageContaining("expected u8");
  }

  static void assertError(ValType t, String text, String message, int offset) {
    assertThatThrownBy(() -> Wave.parse(t, text))
        .isInstanceOf(WaveException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((WaveException) e).offset()).as(text).isEqualTo(offset));
  }
}
