package virga.component.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import virga.component.Engine;
import virga.component.MalformedComponentException;
import virga.component.UnsupportedFeatureException;
import virga.component.core.chicory.ChicoryEngine;

/**
 * Core modules that Chicory's parser accepts or chokes on, but that are invalid: compiling a
 * component holding one is a {@link MalformedComponentException} in the core module section, never
 * an {@link IndexOutOfBoundsException} or an {@link AssertionError}.
 */
class CoreModuleRejectionTest {
  private static final Bytes FUNC_TYPE = Bytes.of(0x01, 0x60, 0, 0); // one type: (func)
  private static final Bytes ONE_FUNC = Bytes.of(0x01, 0x00); // one function of type 0
  private static final Bytes ONE_BODY = Bytes.of(0x01, 0x02, 0x00, 0x0b); // its empty body

  private final Engine engine = Pipeline.engine();

  /** {@code (module (func) <export/start sections>)} with {@code extra} before the code section. */
  private static byte[] module(Bytes... extra) {
    Bytes m = Bytes.coreModule().section(1, FUNC_TYPE).section(3, ONE_FUNC);
    for (Bytes e : extra) {
      m.bytes(e);
    }
    return m.section(10, ONE_BODY).toBytes();
  }

  private static Bytes export(String name, int kind, int index) {
    return new Bytes().u8(0x07).bytes(sized(new Bytes().u8(1).name(name).u8(kind).u32(index)));
  }

  private static Bytes sized(Bytes content) {
    byte[] c = content.toBytes();
    return new Bytes().u32(c.length).bytes(c);
  }

  /** A component whose only definition is {@code module} (at offset 10 for small modules). */
  private static byte[] component(byte[] module) {
    return Bytes.component().section(1, new Bytes().bytes(module)).toBytes();
  }

  private MalformedComponentException compileFails(byte[] component) {
    Throwable t = catchThrowable(() -> engine.compile(component));
    assertThat(t).isInstanceOf(MalformedComponentException.class);
    MalformedComponentException e = (MalformedComponentException) t;
    assertThat(e.section()).isEqualTo("core module");
    assertThat(e).hasMessageContaining("invalid core module");
    return e;
  }

  @Test
  void anExportOfAFunctionThatDoesNotExistIsMalformed() {
    byte[] reproducer =
        HexFormat.of()
            .parseHex(
                "0061736d0d000100011f0061736d0100000001040160000003020100070501016600050a040102000b");

    assertThat(compileFails(reproducer))
        .hasMessageContaining("export `f` refers to function 5, but there are only 1");
  }

  @Test
  void coreModuleErrorsNameTheModulesOffsetInTheComponent() {
    byte[] unknownType =
        HexFormat.of()
            .parseHex(
                "0061736d0d000100011f0061736d0100000001040160000003020105070501016600000a040102000b");
    MalformedComponentException e = compileFails(unknownType);
    assertThat(e.offset()).as("the module starts at 10").isEqualTo(10);
    assertThat(e).hasMessageContaining("at byte offset 10, in the core module section");
    assertThat(e.reason()).isEqualTo("invalid core module: unknown type 5");

    // where the error position inside the module is known, it is added: the export entry at 21
    byte[] badExport =
        HexFormat.of()
            .parseHex(
                "0061736d0d000100011f0061736d0100000001040160000003020100070501016600050a040102000b");
    assertThat(compileFails(badExport).offset()).isEqualTo(10 + 21);
  }

  @Test
  void aCoreModuleErrorInANestedComponentHasItsAbsoluteOffset() {
    byte[] module = module(export("f", 0, 5));
    byte[] nested = Bytes.component().section(1, new Bytes().bytes(module)).toBytes();
    // custom section "pad" (8..13), nested component header at 14, its module at 16 + 10
    byte[] outer =
        Bytes.component()
            .section(0, new Bytes().name("pad"))
            .section(4, new Bytes().bytes(nested))
            .toBytes();

    assertThat(compileFails(outer).offset()).isEqualTo(14 + 2 + 10 + 21);
  }

  @Test
  void anUnsupportedCoreModuleStaysUnsupportedAtTheModulesOffset() {
    byte[] v128Param =
        Bytes.coreModule()
            .section(1, Bytes.of(0x01, 0x60, 1, 0x7b, 0))
            .section(3, ONE_FUNC)
            .section(7, new Bytes().u8(1).name("f").u8(0, 0))
            .section(10, ONE_BODY)
            .toBytes();
    Throwable t = catchThrowable(() -> engine.compile(component(v128Param)));

    assertThat(t).isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("v128");
    assertThat(((UnsupportedFeatureException) t).offset()).isEqualTo(10);
    assertThat(((UnsupportedFeatureException) t).section()).isEqualTo("core module");
  }

  @Test
  void exportsOfMissingMemoriesTablesAndGlobalsAreMalformed() {
    assertThat(compileFails(component(module(export("m", 0x02, 0)))))
        .hasMessageContaining("export `m` refers to memory 0, but there are only 0");
    assertThat(compileFails(component(module(export("t", 0x01, 3)))))
        .hasMessageContaining("export `t` refers to table 3, but there are only 0");
    assertThat(compileFails(component(module(export("g", 0x03, 1)))))
        .hasMessageContaining("export `g` refers to global 1, but there are only 0");
  }

  @Test
  void duplicateCoreExportNamesAreMalformed() {
    Bytes twice =
        new Bytes().u8(0x07).bytes(sized(new Bytes().u8(2).name("f").u8(0, 0).name("f").u8(0, 0)));

    assertThat(compileFails(component(module(twice))))
        .hasMessageContaining("duplicate export name `f`");
  }

  @Test
  void aFunctionImportOfAMissingTypeIsMalformed() {
    byte[] module =
        Bytes.coreModule()
            .section(1, FUNC_TYPE)
            .section(2, new Bytes().u8(1).name("m").name("f").u8(0x00).u32(7))
            .toBytes();

    assertThat(compileFails(component(module)))
        .hasMessageContaining("import `m` `f` has type 7, which is out of range");
  }

  @Test
  void aStartFunctionThatDoesNotExistOrTakesParametersIsMalformed() {
    // Chicory's validator checks the start function itself; this guards that it stays so
    assertThat(compileFails(component(module(new Bytes().section(8, Bytes.of(4))))))
        .hasMessageContaining("function 4");

    byte[] takesI32 =
        Bytes.coreModule()
            .section(1, Bytes.of(0x01, 0x60, 1, 0x7f, 0))
            .section(3, ONE_FUNC)
            .section(8, Bytes.of(0))
            .section(10, ONE_BODY)
            .toBytes();
    assertThat(compileFails(component(takesI32))).hasMessageContaining("invalid start function");
  }

  @Test
  void anAssertionFailureInChicorysParserIsMalformed() throws java.io.IOException {
    // a mutant of reverse.wasm whose code trips an assert in Chicory's AnnotatedInstruction
    byte[] mutant = java.nio.file.Files.readAllBytes(Seeds.GUESTS.resolve("reverse.wasm"));
    mutant[720] = (byte) 0x80;
    mutant[456] = 0x3f;

    assertThat(compileFails(mutant)).hasMessageContaining("internal assertion");
  }

  @Test
  void theChicoryEngineRejectsTheModuleOnItsOwnToo() {
    Throwable t = catchThrowable(() -> new ChicoryEngine().compile(module(export("f", 0, 5))));

    assertThat(t)
        .isInstanceOf(MalformedComponentException.class)
        .hasMessageContaining("export `f` refers to function 5, but there are only 1");
  }
}
