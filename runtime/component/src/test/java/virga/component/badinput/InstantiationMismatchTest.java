package virga.component.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.Component;
import virga.component.LinkException;
import virga.component.Linker;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;
import virga.component.values.Value;

/**
 * Instantiating {@code kitchen.component.wat} (imports {@code test:math/ops@1.2.3} with {@code
 * double: func(x: u32) -> u32} and resource {@code t}, and {@code cfg: func(a: u32, b: u32) ->
 * u32}) against linkers that miss an import or supply it with the wrong kind or type: always a
 * {@link LinkException} naming what is wrong, never another exception.
 */
@Timeout(60)
class InstantiationMismatchTest {
  private static final String OPS = "test:math/ops@1.2.3";
  private static final ValType U32 = ValType.Primitive.U32;
  private static final FuncType DOUBLE = func(List.of(param("x", U32)), U32);
  private static final FuncType CFG = func(List.of(param("a", U32), param("b", U32)), U32);

  private final Component kitchen = compile();

  private static Component compile() {
    try {
      return Pipeline.engine()
          .compile(Files.readAllBytes(Seeds.SEEDS.resolve("kitchen.component.wasm")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static FuncType.Param param(String name, ValType type) {
    return new FuncType.Param(name, type);
  }

  private static FuncType func(List<FuncType.Param> params, ValType result) {
    return new FuncType(params, result);
  }

  private static Value echo(Value... args) {
    return args[0];
  }

  /** A linker supplying every import correctly; each test breaks one thing. */
  private static Linker complete() {
    return new Linker()
        .function(OPS, "double", DOUBLE, InstantiationMismatchTest::echo)
        .resource(OPS + "#t", new ResourceType("t"))
        .function("cfg", CFG, InstantiationMismatchTest::echo);
  }

  @Test
  void theCompleteLinkerInstantiates() {
    assertThat(kitchen.imports()).containsOnlyKeys(OPS, "cfg");
    assertThatCode(() -> complete().instantiate(kitchen, Pipeline.LIMITS))
        .doesNotThrowAnyException();
  }

  @Test
  void anEmptyLinkerNamesAMissingImport() {
    assertThatThrownBy(() -> new Linker().instantiate(kitchen))
        .isExactlyInstanceOf(LinkException.class)
        .message()
        .containsAnyOf(OPS, "cfg");
  }

  @Test
  void aMissingTopLevelFunction() {
    Linker linker =
        new Linker()
            .function(OPS, "double", DOUBLE, InstantiationMismatchTest::echo)
            .resource(OPS + "#t", new ResourceType("t"));

    assertThatThrownBy(() -> linker.instantiate(kitchen))
        .isExactlyInstanceOf(LinkException.class)
        .hasMessageContaining("cfg");
  }

  @Test
  void aFunctionWithOneParameterTooMany() {
    FuncType three = func(List.of(param("a", U32), param("b", U32), param("c", U32)), U32);
    Linker linker = complete().function("cfg", three, InstantiationMismatchTest::echo);

    assertThatThrownBy(() -> linker.instantiate(kitchen))
        .isExactlyInstanceOf(LinkException.class)
        .hasMessageContaining("cfg");
  }

  @Test
  void aFunctionWithTheWrongResultType() {
    FuncType stringResult =
        func(List.of(param("a", U32), param("b", U32)), ValType.Primitive.STRING);
    Linker linker = complete().function("cfg", stringResult, InstantiationMismatchTest::echo);

    assertThatThrownBy(() -> linker.instantiate(kitchen))
        .isExactlyInstanceOf(LinkException.class)
        .hasMessageContaining("cfg");
  }

  @Test
  void aFunctionWithoutItsResult() {
    FuncType noResult = func(List.of(param("a", U32), param("b", U32)), null);
    Linker linker = complete().function("cfg", noResult, InstantiationMismatchTest::echo);

    assertThatThrownBy(() -> linker.instantiate(kitchen))
        .isExactlyInstanceOf(LinkException.class)
        .hasMessageContaining("cfg");
  }

  @Test
  void anInstanceWhereAFunctionIsImported() {
    Linker linker =
        new Linker()
            .function(OPS, "double", DOUBLE, InstantiationMismatchTest::echo)
            .resource(OPS + "#t", new ResourceType("t"))
            .function("cfg", "inner", CFG, InstantiationMismatchTest::echo);

    assertThatThrownBy(() -> linker.instantiate(kitchen))
        .isExactlyInstanceOf(LinkException.class)
        .hasMessageContaining("cfg");
  }

  @Test
  void aFunctionWhereAnInstanceIsImported() {
    Linker linker =
        new Linker()
            .function("cfg", CFG, InstantiationMismatchTest::echo)
            .function(OPS, DOUBLE, InstantiationMismatchTest::echo);

    assertThatThrownBy(() -> linker.instantiate(kitchen))
        .isExactlyInstanceOf(LinkException.class)
        .hasMessageContaining(OPS);
  }

  @Test
  void anInstanceFunctionOfTheWrongType() {
    FuncType u64 = func(List.of(param("x", ValType.Primitive.U64)), U32);
    Linker linker = complete().function(OPS, "double", u64, InstantiationMismatchTest::echo);

    assertThatThrownBy(() -> linker.instantiate(kitchen))
        .isExactlyInstanceOf(LinkException.class)
        .hasMessageContaining("double");
  }

  @Test
  void anInstanceWithoutTheImportedResource() {
    Linker linker =
        new Linker()
            .function(OPS, "double", DOUBLE, InstantiationMismatchTest::echo)
            .function("cfg", CFG, InstantiationMismatchTest::echo);

    assertThatThrownBy(() -> linker.instantiate(kitchen))
        .isExactlyInstanceOf(LinkException.class)
        .hasMessageContaining("`t`");
  }

  @Test
  void aFunctionWhereAResourceTypeIsImported() {
    Linker linker = complete().function(OPS, "t", DOUBLE, InstantiationMismatchTest::echo);

    assertThatThrownBy(() -> linker.instantiate(kitchen))
        .isExactlyInstanceOf(LinkException.class)
        .hasMessageContaining("t");
  }

  @Test
  void aResourceTypeWhereAFunctionIsImported() {
    Linker linker = complete().resource(OPS + "#double", new ResourceType("double"));

    assertThatThrownBy(() -> linker.instantiate(kitchen))
        .isExactlyInstanceOf(LinkException.class)
        .hasMessageContaining("double");
  }

  @Test
  void anIncompatibleMajorVersion() {
    Linker linker =
        new Linker()
            .function("test:math/ops@2.0.0", "double", DOUBLE, InstantiationMismatchTest::echo)
            .resource("test:math/ops@2.0.0#t", new ResourceType("t"))
            .function("cfg", CFG, InstantiationMismatchTest::echo);

    assertThatThrownBy(() -> linker.instantiate(kitchen))
        .isExactlyInstanceOf(LinkException.class)
        .hasMessageContaining(OPS);
  }
}
