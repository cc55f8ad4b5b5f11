package virga.component.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import virga.component.Component;
import virga.component.ComponentInstance;
import virga.component.Engine;
import virga.component.LinkException;
import virga.component.Linker;
import virga.component.types.ValType;
import virga.component.values.Value;

/**
 * A host registers functions and resources only: the value types of imported interfaces (and
 * interfaces of nothing but types) come from the component's own declarations, as with wasmtime.
 */
class HostSuppliesOnlyFunctionsTest {
  private static final String HOST = "example:kinds/host@0.1.0";
  private static Component kinds;

  @BeforeAll
  static void compile() throws Exception {
    kinds =
        Engine.create()
            .compile(Files.readAllBytes(Path.of("..", "..", "guests", "wasm", "kinds.wasm")));
  }

  private static Linker hostFunctionsOnly() {
    Linker linker = new Linker();
    ExternType.Instance host = (ExternType.Instance) kinds.imports().get(HOST);
    host.exports()
        .forEach(
            (name, type) -> {
              if (type instanceof ExternType.Func f) {
                // the host side of kinds echoes its argument back
                linker.function(HOST, name, f.type(), args -> args.length == 0 ? null : args[0]);
              }
            });
    return linker;
  }

  @Test
  void instantiatesWithoutTheHostSupplyingAnyType() {
    assertThat(kinds.imports()).containsKey("example:kinds/types@0.1.0");
    ComponentInstance instance = hostFunctionsOnly().instantiate(kinds);
    assertThat(instance.call("example:kinds/echo@0.1.0#echo-u8", Value.u8(255)))
        .isEqualTo(Value.u8(255));
    Value point = Value.record(Value.field("x", Value.s32(-3)), Value.field("y", Value.s32(4)));
    assertThat(instance.call("example:kinds/echo@0.1.0#echo-point", point)).isEqualTo(point);
  }

  @Test
  void aTypeTheHostDoesSupplyMustStillMatch() {
    Linker linker = hostFunctionsOnly();
    linker.instance(
        "example:kinds/types@0.1.0",
        new Item.Instance(
            Map.of("point", new Item.Type(new ExternType.Val(ValType.Primitive.STRING)))));
    assertThatThrownBy(() -> linker.instantiate(kinds))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("point");
  }
}
