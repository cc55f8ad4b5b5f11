package virga.component.wit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import virga.component.types.FuncType;
import virga.component.types.ValType;

class WitTypesTest {
  // A two-package miniature of the WASI shapes the resolver must handle.
  private static final String IO =
      """
      package t:io@1.2.3;
      interface error { resource error { to-debug-string: func() -> string; } }
      interface streams {
        use error.{error};
        variant stream-error { last-operation-failed(error), closed }
        resource input-stream {
          read: func(len: u64) -> result<list<u8>, stream-error>;
        }
      }
      """;
  private static final String HTTP =
      """
      package t:http@0.1.0;
      interface types {
        use t:io/streams@1.2.3.{input-stream};
        use t:io/error.{error as io-error};
        record stat { %type: string, link-count: link-count }
        type link-count = u64;
        resource fields {
          constructor();
          from-list: static func(entries: list<tuple<string, list<u8>>>) -> fields;
        }
        type headers = fields;
        body: func(h: borrow<headers>) -> own<input-stream>;
      }
      """;

  private final WitTypes types = WitTypes.parse(List.of(IO, HTTP));

  @Test
  void listsQualifiedInterfacesInDeclarationOrder() {
    assertThat(types.interfaces())
        .containsExactly("t:io/error@1.2.3", "t:io/streams@1.2.3", "t:http/types@0.1.0");
    assertThat(types.packageIds()).containsExactly("t:io", "t:http");
  }

  @Test
  void methodsGetABorrowedSelfAndResourceResultsAreOwned() {
    FuncType read = types.function("t:io/streams", "[method]input-stream.read");
    assertThat(read.params()).extracting(FuncType.Param::name).containsExactly("self", "len");
    assertThat(read.params().get(0).type())
        .isEqualTo(new ValType.BorrowType(types.resource("t:io/streams", "input-stream")));
    ValType.ResultType r = (ValType.ResultType) read.result();
    assertThat(r.ok()).isEqualTo(new ValType.ListType(ValType.Primitive.U8));
    ValType.VariantType err = (ValType.VariantType) r.err();
    assertThat(err.cases())
        .extracting(ValType.Case::name)
        .containsExactly("last-operation-failed", "closed");
    assertThat(err.cases().get(0).type())
        .isEqualTo(new ValType.OwnType(types.resource("t:io/error", "error")));
  }

  @Test
  void usedAndAliasedResourcesAreTheSameType() {
    assertThat(types.resource("t:http/types", "input-stream"))
        .isSameAs(types.resource("t:io/streams", "input-stream"));
    // `use ... {error as io-error}` renames, the type stays
    assertThat(types.resource("t:http/types", "io-error"))
        .isSameAs(types.resource("t:io/error", "error"));
    // `type headers = fields` is the same resource
    assertThat(types.resource("t:http/types", "headers"))
        .isSameAs(types.resource("t:http/types", "fields"));
    assertThat(types.function("t:http/types", "body").params().get(0).type())
        .isEqualTo(new ValType.BorrowType(types.resource("t:http/types", "fields")));
  }

  @Test
  void constructorsStaticsAliasesForwardReferencesAndEscapes() {
    assertThat(types.functions("t:http/types"))
        .containsOnlyKeys("[constructor]fields", "[static]fields.from-list", "body");
    assertThat(types.function("t:http/types", "[constructor]fields").result())
        .isEqualTo(new ValType.OwnType(types.resource("t:http/types", "fields")));
    ValType.RecordType stat = (ValType.RecordType) types.type("t:http/types", "stat");
    // link-count is used before `type link-count = u64` is declared; %type is `type`
    assertThat(stat.fields())
        .containsExactly(
            new ValType.Field("type", ValType.Primitive.STRING),
            new ValType.Field("link-count", ValType.Primitive.U64));
    assertThat(types.typeNames("t:http/types"))
        .containsExactly("input-stream", "io-error", "stat", "link-count", "fields", "headers");
  }

  @Test
  void aVersionOtherThanTheOneHeldIsRejected() {
    assertThat(types.qualifiedName("t:io/streams")).isEqualTo("t:io/streams@1.2.3");
    assertThatThrownBy(() -> types.functions("t:io/streams@1.2.4"))
        .isInstanceOf(WitException.class)
        .hasMessage("t:io/streams@1.2.4 is not in this set (it holds t:io/streams@1.2.3)");
    assertThatThrownBy(() -> types.function("t:io/streams", "nope"))
        .isInstanceOf(WitException.class)
        .hasMessage("interface t:io/streams has no function `nope`");
  }

  @Test
  void withSharesTheBaseResourceTypesAndSkipsPackagesItHolds() {
    WitTypes base = WitTypes.parse(List.of(IO));
    String other = "package t:io@9.9.9; interface error { f: func(); }";
    WitTypes extended = base.with(WitTypes.parseAll(List.of(HTTP, other)));
    assertThat(extended.resource("t:http/types", "input-stream"))
        .isSameAs(base.resource("t:io/streams", "input-stream"));
    assertThat(extended.resource("t:io/error", "error"))
        .isSameAs(base.resource("t:io/error", "error"));
    assertThat(extended.qualifiedName("t:io/error")).isEqualTo("t:io/error@1.2.3");
    assertThat(base.packageIds()).containsExactly("t:io");
  }

  @Test
  void syntaxGivesTheParsedInterface() {
    WitAst.Interface i = types.syntax("t:http/types@0.1.0");
    assertThat(i.uses()).containsEntry("io-error", new WitAst.Use("t:io", "error", "error"));
    assertThat(i.types().get("fields")).isEqualTo(new WitAst.Resource());
    assertThat(types.pkg("t:io").version()).isEqualTo("1.2.3");
  }

  @Test
  void malformedWitFailsWithAnOffset() {
    assertThatThrownBy(() -> WitParser.parse("package a:b;\ninterface i { f: func(x u32); }"))
        .isInstanceOf(WitException.class)
        .hasMessage("expected `:` (at offset 37)");
    assertThatThrownBy(
            () ->
                WitTypes.of(
                    List.of(WitParser.parse("package a:b; interface i { f: func() -> nope; }"))))
        .isInstanceOf(WitException.class)
        .hasMessage("undefined type `nope` in a:b/i");
    assertThatThrownBy(() -> WitTypes.parse(List.of(IO, "package x")))
        .isInstanceOf(WitException.class)
        .hasMessage("WIT source 2 of 2: expected `:` (at offset 9)");
  }

  @Test
  void parsesCommentsAnnotationsAndTupleResults() {
    WitAst.Package p =
        WitParser.parse(
            "// c\npackage x:y@1.0.0-rc.1;\n/* block */ @since(version = 1.0.0)\ninterface i {\n"
                + "  @unstable(feature = f) seed: func() -> tuple<u64, u64>;\n"
                + "  flags f { a, b, }\n}\nworld w { import i; }\n");
    assertThat(p.version()).isEqualTo("1.0.0-rc.1");
    FuncType seed = WitTypes.of(List.of(p)).function("x:y/i", "seed");
    assertThat(seed.result())
        .isEqualTo(new ValType.TupleType(List.of(ValType.Primitive.U64, ValType.Primitive.U64)));
  }
}
