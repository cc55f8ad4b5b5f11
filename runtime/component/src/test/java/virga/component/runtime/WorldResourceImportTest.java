package virga.component.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import virga.component.Component;
import virga.component.Engine;
import virga.component.LinkException;
import virga.component.Linker;
import virga.component.abi.StandardCanonicalAbi;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;
import virga.component.values.Value;
import virga.component.wit.WitPrinter;

/**
 * A resource imported by the world itself ({@code guests/world-resource}: {@code resource cell} and
 * {@code import make: func(v: u32) -> cell} at world level): the component imports {@code cell} as
 * a top-level type, which {@link Linker#resource} registers under its plain name.
 */
class WorldResourceImportTest {
  private static final ValType U32 = ValType.Primitive.U32;
  private static Engine engine;
  private static Component component;

  @BeforeAll
  static void compile() throws Exception {
    engine = Engine.create();
    component =
        engine.compile(
            Files.readAllBytes(Path.of("..", "..", "guests", "wasm", "world-resource.wasm")));
  }

  /** The host cell: a u32 whose drop is recorded. */
  private record Cell(long v) {}

  private static FuncType func(ValType result, ValType... params) {
    List<FuncType.Param> ps = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      ps.add(new FuncType.Param(i == 0 ? "a" : "b", params[i]));
    }
    return new FuncType(ps, result);
  }

  private static long v(Value handle) {
    Object rep = handle instanceof Value.Borrow b ? b.rep() : ((Value.Own) handle).rep();
    return ((Cell) rep).v();
  }

  private static Linker linker(ResourceType cell) {
    ValType own = new ValType.OwnType(cell);
    ValType borrow = new ValType.BorrowType(cell);
    return new Linker()
        .resource("cell", cell)
        .function(
            "[constructor]cell",
            func(own, U32),
            args -> Value.own(cell, new Cell(((Value.U32) args[0]).value())))
        .function("[method]cell.get", func(U32, borrow), args -> Value.u32(v(args[0])))
        .function(
            "[static]cell.merge",
            func(own, borrow, borrow),
            args -> Value.own(cell, new Cell(v(args[0]) + v(args[1]))))
        .function(
            "make",
            func(own, U32),
            args -> Value.own(cell, new Cell(((Value.U32) args[0]).value() * 3)))
        .function("take", func(U32, own), args -> Value.u32(v(args[0]) + 1));
  }

  @Test
  void theComponentImportsTheResourceAsATopLevelType() {
    assertThat(component.imports().keySet())
        .containsExactly(
            "cell", "make", "take", "[constructor]cell", "[method]cell.get", "[static]cell.merge");
    assertThat(component.imports().get("cell")).isInstanceOf(ExternType.Resource.class);
  }

  @Test
  void theHostResourceRegisteredByItsPlainNameServesTheGuest() {
    ResourceType cell = new ResourceType("cell");
    List<Long> dropped = new ArrayList<>();
    ((StandardCanonicalAbi) engine.abi())
        .defineHostResource(cell, rep -> dropped.add(((Cell) rep).v()));
    Value result = linker(cell).instantiate(component).call("run", Value.u32(5));
    // make(5) = 15, cell(10), merge = 25, take(merged) = 26
    assertThat(result).isEqualTo(Value.tuple(Value.u32(15), Value.u32(25), Value.u32(26)));
    // the guest drops cell(10), then make's cell; take kept the merged one
    assertThat(dropped).containsExactly(10L, 15L);
  }

  @Test
  void withoutTheResourceTheImportIsReportedMissing() {
    assertThatThrownBy(
            () ->
                new Linker()
                    .function("make", func(U32, U32), args -> Value.u32(0))
                    .instantiate(component))
        .isInstanceOf(LinkException.class)
        .hasMessage("import `cell` has no definition in the linker");
  }

  @Test
  void aNameThatIsNeitherQualifiedNorPlainIsRefused() {
    ResourceType cell = new ResourceType("cell");
    Linker linker = new Linker();
    assertThatThrownBy(() -> linker.resource("[method]cell.get", cell))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("plain name for a world-level resource: [method]cell.get");
    assertThatThrownBy(() -> linker.resource("example:x/y@1.0.0", cell))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected ns:pkg/iface@version#name");
    assertThatThrownBy(() -> linker.resource("", cell))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inspectPrintsTheResourceWithItsMembersInTheWorld() {
    assertThat(WitPrinter.print(component.imports(), component.exports()))
        .isEqualTo(
            String.join(
                "\n",
                "package root:component;",
                "",
                "world root {",
                "  resource cell {",
                "    constructor(v: u32);",
                "    get: func() -> u32;",
                "    merge: static func(a: borrow<cell>, b: borrow<cell>) -> cell;",
                "  }",
                "  import make: func(v: u32) -> cell;",
                "  import take: func(c: cell) -> u32;",
                "  export run: func(v: u32) -> tuple<u32, u32, u32>;",
                "}",
                ""));
  }
}
