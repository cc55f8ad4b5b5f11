package virga.component.core.chicory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import virga.component.LinkException;
import virga.component.MalformedComponentException;
import virga.component.core.CoreFuncType;
import virga.component.core.CoreFunction;
import virga.component.core.CoreImport;
import virga.component.core.CoreImports;
import virga.component.core.CoreValType;
import virga.component.core.InstanceLimits;

/** {@code (import "" "" (func))}, which Chicory 1.7.5 refuses by itself (see EmptyImportNames). */
class EmptyImportNamesTest {
  private static final CoreFuncType I32_TO_I32 =
      new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I32));

  private static byte[] hex(String h) {
    return java.util.HexFormat.of().parseHex(h);
  }

  private static CoreFunction adding(long n) {
    return CoreFunction.host(I32_TO_I32, args -> new long[] {args[0] + n});
  }

  @Test
  void chicoryAloneRefusesTheModule() {
    assertThatThrownBy(() -> com.dylibso.chicory.wasm.Parser.parse(TestModules.load("empty-names")))
        .hasMessageContaining("malformed import kind");
  }

  @Test
  void theModuleReportsAndResolvesTheEmptyNamesNotTheAlias() {
    ChicoryModule module = new ChicoryEngine().compile(TestModules.load("empty-names"));
    assertThat(module.imports())
        .extracting(CoreImport::module, CoreImport::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("", ""),
            org.assertj.core.groups.Tuple.tuple("", "virga:empty-name"));
    var instance =
        module.instantiate(
            new CoreImports().put("", "", adding(1)).put("", "virga:empty-name", adding(1000)),
            InstanceLimits.NONE);
    // the module already imports the alias's stem, so the two imports must stay apart
    assertThat(((CoreFunction) instance.export("call-empty").orElseThrow()).call(41)[0])
        .isEqualTo(42);
    assertThat(((CoreFunction) instance.export("call-taken").orElseThrow()).call(41)[0])
        .isEqualTo(1041);
  }

  @Test
  void aMissingEmptyNamedImportIsNamedAsDeclared() {
    ChicoryModule module = new ChicoryEngine().compile(TestModules.load("empty-names"));
    assertThatThrownBy(
            () ->
                module.instantiate(
                    new CoreImports().put("", "virga:empty-name", adding(1)), InstanceLimits.NONE))
        .isInstanceOf(LinkException.class)
        .hasMessage(
            "missing import \"\" \"\": expected a function (func (param [I32]) (result [I32]))");
  }

  @Test
  void theAliasAvoidsEveryNameTheModuleImportsFromTheEmptyModule() {
    byte[] wasm = TestModules.load("empty-names");
    EmptyImportNames.Rewritten r = EmptyImportNames.rewrite(wasm);
    assertThat(r.alias()).isEqualTo("virga:empty-name-2");
    assertThat(r.wasm().length).isEqualTo(wasm.length + "virga:empty-name-2".length());
    // bytes without such an import are left alone (same array)
    byte[] basics = TestModules.load("basics");
    assertThat(EmptyImportNames.rewrite(basics).wasm()).isSameAs(basics);
    assertThat(EmptyImportNames.rewrite(basics).alias()).isNull();
  }

  @Test
  void anOverlongImportKindIsStillMalformed() {
    // binary.wast: two empty names, then the kind as the overlong LEB128 0x80 0x00
    byte[] wasm =
        hex(
            "0061736d01000000" // preamble
                + "010401600000" // type section: () -> ()
                + "02050100008000"); // one import "" "", kind as the overlong 0x80 0x00
    assertThat(EmptyImportNames.rewrite(wasm).wasm()).isSameAs(wasm);
    assertThatThrownBy(() -> new ChicoryEngine().compile(wasm))
        .isInstanceOf(MalformedComponentException.class)
        .hasMessageContaining("malformed import kind");
  }

  @Test
  void aSectionSizeBeyondTheBytesIsLeftToChicorysErrors() {
    // found by ComponentFuzzTest: a section size of 0xffffffff overflowed the walk's arithmetic
    byte[] wasm = hex("0061736d01000000" + "01ffffffff07" + "00");
    assertThat(EmptyImportNames.rewrite(wasm).wasm()).isSameAs(wasm);
    assertThatThrownBy(() -> new ChicoryEngine().compile(wasm))
        .isInstanceOf(MalformedComponentException.class);
  }

  @Test
  void aBadTypeIndexOfAnEmptyNamedImportIsReportedWithTheEmptyNames() {
    // preamble, then one import "" "" (func (type 5)) and no type section
    byte[] wasm = hex("0061736d01000000" + "020501000000" + "05");
    assertThatThrownBy(() -> new ChicoryEngine().compile(wasm))
        .isInstanceOf(MalformedComponentException.class)
        .hasMessageContaining("import `` `` has type 5");
  }

  @Test
  void truncatedImportSectionsAreLeftToChicorysErrors() {
    byte[] wasm = {
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, 0x09, 0x01, 0x00, 0x00, 0x00
    };
    assertThat(EmptyImportNames.rewrite(wasm).wasm()).isSameAs(wasm);
    assertThatThrownBy(() -> new ChicoryEngine().compile(wasm))
        .isInstanceOf(MalformedComponentException.class);
  }
}
