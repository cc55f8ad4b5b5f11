package virga.component.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.Component;
import virga.component.ComponentInstance;
import virga.component.Engine;
import virga.component.LinkException;
import virga.component.Linker;
import virga.component.core.chicory.ChicoryEngine;
import virga.component.testing.Components;
import virga.component.testing.ScalarAbi;
import virga.component.types.FuncType;
import virga.component.types.ValType;
import virga.component.values.Value;

@Timeout(30)
class InstantiationTest {
  private static final FuncType U32_TO_U32 =
      new FuncType(List.of(new FuncType.Param("x", ValType.Primitive.U32)), ValType.Primitive.U32);

  private final ScalarAbi abi = new ScalarAbi();
  private final Engine engine = new Engine(new ChicoryEngine(), abi);

  @Test
  void runsTheAdderEndToEnd() {
    Component c = engine.compile(Components.adder());
    assertThat(c.imports()).isEmpty();
    assertThat(c.exports().get("add"))
        .isEqualTo(
            new ExternType.Func(
                new FuncType(
                    List.of(
                        new FuncType.Param("a", ValType.Primitive.U32),
                        new FuncType.Param("b", ValType.Primitive.U32)),
                    ValType.Primitive.U32)));

    ComponentInstance inst = new Linker().instantiate(c);

    assertThat(inst.call("add", Value.u32(40), Value.u32(2))).isEqualTo(Value.u32(42));
    assertThat(inst.call("add", Value.u32(0xffffffffL), Value.u32(1))).isEqualTo(Value.u32(0));
  }

  @Test
  void lowersAHostImportIntoTheCoreModule() {
    Component c = engine.compile(Components.quadViaImport());
    assertThat(c.imports()).containsOnlyKeys("test:math/ops@1.2.3");
    AtomicInteger calls = new AtomicInteger();
    Linker linker =
        new Linker()
            .function(
                "test:math/ops@1.2.0",
                "double",
                U32_TO_U32,
                args -> {
                  calls.incrementAndGet();
                  return Value.u32(((Value.U32) args[0]).value() * 2);
                });

    ComponentInstance inst = linker.instantiate(c);

    assertThat(inst.call("quad", Value.u32(5))).isEqualTo(Value.u32(20));
    assertThat(calls).hasValue(2);
  }

  @Test
  void callsALoweredImportThroughATableAnotherCoreInstanceFilled() throws Exception {
    // componentize-qjs layout: $main owns the table, $lib fills it with the lowered import and
    // an adapter; the two modules number their types differently (dylib-table.component.wat)
    byte[] bytes;
    try (var in = getClass().getResourceAsStream("/components/dylib-table.component.wasm")) {
      bytes = in.readAllBytes();
    }
    AtomicInteger calls = new AtomicInteger();
    ComponentInstance inst =
        new Linker()
            .function(
                "test:math/ops@1.2.3",
                "double",
                U32_TO_U32,
                args -> {
                  calls.incrementAndGet();
                  return Value.u32(((Value.U32) args[0]).value() * 2);
                })
            .instantiate(engine.compile(bytes));

    assertThat(inst.call("via-table", Value.u32(0), Value.u32(21))).isEqualTo(Value.u32(42));
    assertThat(inst.call("via-table", Value.u32(1), Value.u32(5))).isEqualTo(Value.u32(20));
    assertThat(calls).hasValue(3);
  }

  @Test
  void composesTwoComponentsThroughTheLinker() {
    // the "server" is a quad component fed by a host double; its quad serves as the client's double
    Linker hostLinker =
        new Linker()
            .function(
                "test:math/ops@1.2.3",
                "double",
                U32_TO_U32,
                args -> Value.u32(((Value.U32) args[0]).value() * 2));
    ComponentInstance server = hostLinker.instantiate(engine.compile(Components.quadViaImport()));
    Item.Instance served =
        new Item.Instance(java.util.Map.of("double", server.exports().get("quad")));

    ComponentInstance client =
        new Linker()
            .instance("test:math/ops@1.2.3", served)
            .instantiate(engine.compile(Components.quadViaImport()));

    assertThat(client.call("quad", Value.u32(1))).isEqualTo(Value.u32(16));
  }

  @Test
  void refusesAMissingImport() {
    Component c = engine.compile(Components.quadViaImport());
    assertThatThrownBy(() -> new Linker().instantiate(c))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("test:math/ops@1.2.3");
  }

  @Test
  void refusesAnIncompatibleVersion() {
    Component c = engine.compile(Components.quadViaImport());
    Linker linker = new Linker().function("test:math/ops@2.0.0", "double", U32_TO_U32, a -> a[0]);
    assertThatThrownBy(() -> linker.instantiate(c))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("has no definition");
  }

  @Test
  void refusesAHostFunctionOfTheWrongType() {
    Component c = engine.compile(Components.quadViaImport());
    FuncType wrong =
        new FuncType(
            List.of(new FuncType.Param("x", ValType.Primitive.U64)), ValType.Primitive.U32);
    Linker linker = new Linker().function("test:math/ops@1.2.3", "double", wrong, a -> a[0]);
    assertThatThrownBy(() -> linker.instantiate(c))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("function type mismatch");
  }

  @Test
  void refusesAnInstanceMissingAnExport() {
    Component c = engine.compile(Components.quadViaImport());
    Linker linker = new Linker().function("test:math/ops@1.2.3", "triple", U32_TO_U32, a -> a[0]);
    assertThatThrownBy(() -> linker.instantiate(c))
        .isInstanceOf(LinkException.class)
        .hasMessageContaining("does not export `double`");
  }

  @Test
  void createsOneAbiInstanceStatePerComponentInstance() {
    Component c = engine.compile(Components.adder());
    new Linker().instantiate(c);
    new Linker().instantiate(c);
    assertThat(abi.events).containsExactly("instance root", "instance root");
  }
}
