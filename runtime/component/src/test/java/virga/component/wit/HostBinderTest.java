package virga.component.wit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import virga.component.Linker;
import virga.component.TrapException;
import virga.component.types.ValType;
import virga.component.values.Value;

class HostBinderTest {
  private static final WitTypes TYPES =
      WitTypes.parse(
          List.of(
              """
              package t:calc@1.0.0;
              interface ops {
                resource acc { constructor(start: u32); add: func(x: u32) -> u32; }
                double: func(x: u32) -> u32;
                halve: func(x: u32) -> u32;
              }
              """));

  private final HostBinder binder = new HostBinder(new Linker(), TYPES);

  @Test
  void registersFunctionsWithTheirWitTypesAndReportsTheMissingOnes() {
    binder.iface("t:calc/ops").func("double", a -> Value.u32(((Value.U32) a[0]).value() * 2));
    assertThat(binder.function("t:calc/ops@1.0.0", "double").call(Value.u32(21)))
        .isEqualTo(Value.u32(42));
    assertThat(binder.function("t:calc/ops", "double").type().result())
        .isEqualTo(ValType.Primitive.U32);
    assertThat(binder.missing())
        .isEqualTo(
            Map.of("t:calc/ops@1.0.0", Set.of("[constructor]acc", "[method]acc.add", "halve")));
  }

  @Test
  void trapRemainingFillsTheRestWithTraps() {
    binder.iface("t:calc/ops").trapRemaining("not here");
    assertThat(binder.missing()).isEmpty();
    assertThatThrownBy(() -> binder.function("t:calc/ops", "halve").call(Value.u32(2)))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("t:calc/ops@1.0.0#halve: not here");
  }

  @Test
  void aFunctionWitDoesNotDeclareFailsAtRegistration() {
    assertThatThrownBy(() -> binder.iface("t:calc/ops").func("triple", a -> a[0]))
        .isInstanceOf(WitException.class)
        .hasMessage("interface t:calc/ops@1.0.0 has no function `triple`");
    assertThatThrownBy(() -> binder.function("t:calc/ops", "double"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no registered function t:calc/ops#double");
  }

  @Test
  void batchPublishesTheResourceTypeUnderTheInterface() {
    binder.batch(() -> binder.iface("t:calc/ops").func("double", a -> a[0]));
    assertThat(binder.iface("t:calc/ops").resource("acc"))
        .isSameAs(TYPES.resource("t:calc/ops", "acc"));
  }
}
