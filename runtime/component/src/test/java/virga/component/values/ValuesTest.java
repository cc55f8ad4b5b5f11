package virga.component.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import virga.component.types.ResourceType;
import virga.component.types.ValType;
import virga.component.types.ValType.Field;
import virga.component.types.ValType.Primitive;

/** Value factories validate, and the type checker names the path to a mismatch. */
class ValuesTest {
  @Test
  void factoriesRejectOutOfRangeValues() {
    assertThatThrownBy(() -> Value.u8(256)).isInstanceOf(ValueTypeException.class);
    assertThatThrownBy(() -> Value.s8(128)).isInstanceOf(ValueTypeException.class);
    assertThatThrownBy(() -> Value.u16(-1)).isInstanceOf(ValueTypeException.class);
    assertThatThrownBy(() -> Value.u32(1L << 32)).isInstanceOf(ValueTypeException.class);
    assertThatThrownBy(() -> Value.character(0xDC00)).isInstanceOf(ValueTypeException.class);
    assertThatThrownBy(() -> Value.character(0x110000)).isInstanceOf(ValueTypeException.class);
    assertThat(Value.u64(-1L).toString()).contains("18446744073709551615");
  }

  @Test
  void variantEqualityIgnoresTheDerivedIndex() {
    assertThat(new Value.VariantValue("a", 0, null)).isEqualTo(Value.variant("a"));
    assertThat(new Value.EnumValue("b", 1)).isEqualTo(Value.enumCase("b"));
    assertThat(Value.some(Value.none())).isNotEqualTo(Value.none());
  }

  @Test
  void typeCheckNamesThePath() {
    ValType t =
        new ValType.ListType(
            new ValType.RecordType(
                List.of(new Field("name", Primitive.STRING), new Field("age", Primitive.U8))));
    Value ok =
        Value.list(
            Value.record(Value.field("name", Value.string("a")), Value.field("age", Value.u8(1))));
    Values.typeCheck(t, ok);
    Value bad =
        Value.list(
            ok.equals(ok) ? ((Value.ListValue) ok).elements().get(0) : null,
            Value.record(Value.field("name", Value.u8(1)), Value.field("age", Value.u8(1))));
    assertThatThrownBy(() -> Values.typeCheck(t, bad))
        .isInstanceOf(ValueTypeException.class)
        .hasMessageStartingWith("at [1].name: expected string");
  }

  @Test
  void typeCheckCoversPayloadsFlagsAndResources() {
    ResourceType r = new ResourceType("r");
    ValType.ResultType res = new ValType.ResultType(null, Primitive.STRING);
    Values.typeCheck(res, Value.ok());
    assertThatThrownBy(() -> Values.typeCheck(res, Value.ok(Value.u8(1))))
        .hasMessageContaining("no payload");
    assertThatThrownBy(() -> Values.typeCheck(res, Value.err()))
        .hasMessageContaining("needs a payload");
    assertThatThrownBy(
            () -> Values.typeCheck(new ValType.FlagsType(List.of("a")), Value.flags("b")))
        .hasMessageContaining("unknown flag b");
    Values.typeCheck(new ValType.OwnType(r), Value.own(r, 1));
    assertThatThrownBy(
            () -> Values.typeCheck(new ValType.OwnType(r), Value.own(new ResourceType("r"), 1)))
        .isInstanceOf(ValueTypeException.class);
    assertThatThrownBy(
            () -> Values.typeCheck(new ValType.EnumType(List.of("x")), Value.enumCase("y")))
        .hasMessageContaining("unknown enum case y");
  }
}
