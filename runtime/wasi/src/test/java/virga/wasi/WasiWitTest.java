package virga.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import virga.component.types.FuncType;
import virga.component.types.ValType;
import virga.component.wit.WitException;
import virga.component.wit.WitTypes;

/** The vendored WASI WIT resolves with the shared WIT parser (see virga.component.wit). */
class WasiWitTest {
  private final WitTypes wasi = Wasi.types();

  @Test
  void everyVendoredPackageResolves() {
    assertThat(wasi.interfaces())
        .contains(
            "wasi:io/streams@0.2.12",
            "wasi:cli/exit@0.2.12",
            "wasi:filesystem/types@0.2.12",
            "wasi:sockets/tcp@0.2.12",
            "wasi:http/types@0.2.12");
    assertThat(wasi.interfaces()).hasSizeGreaterThan(25);
  }

  @Test
  void methodsGetABorrowedSelfAndResourceResultsAreOwned() {
    FuncType read = wasi.function("wasi:io/streams", "[method]input-stream.read");
    assertThat(read.params()).hasSize(2);
    assertThat(read.params().get(0).type())
        .isEqualTo(new ValType.BorrowType(wasi.resource("wasi:io/streams", "input-stream")));
    assertThat(read.params().get(1).type()).isEqualTo(ValType.Primitive.U64);
    ValType.ResultType r = (ValType.ResultType) read.result();
    assertThat(r.ok()).isEqualTo(new ValType.ListType(ValType.Primitive.U8));
    ValType.VariantType err = (ValType.VariantType) r.err();
    assertThat(err.cases())
        .extracting(ValType.Case::name)
        .containsExactly("last-operation-failed", "closed");
    assertThat(err.cases().get(0).type())
        .isEqualTo(new ValType.OwnType(wasi.resource("wasi:io/error", "error")));
  }

  @Test
  void usedResourcesAreTheSameTypeInEveryInterface() {
    assertThat(wasi.resource("wasi:cli/stdin", "input-stream"))
        .isSameAs(wasi.resource("wasi:io/streams", "input-stream"));
    assertThat(wasi.resource("wasi:clocks/monotonic-clock", "pollable"))
        .isSameAs(wasi.resource("wasi:io/poll", "pollable"));
    // `use wasi:io/error.{error as io-error}` renames, the type stays
    assertThat(wasi.resource("wasi:http/types", "io-error"))
        .isSameAs(wasi.resource("wasi:io/error", "error"));
  }

  @Test
  void constructorsStaticsAliasesAndForwardReferences() {
    FuncType ctor = wasi.function("wasi:http/types", "[constructor]fields");
    assertThat(ctor.result())
        .isEqualTo(new ValType.OwnType(wasi.resource("wasi:http/types", "fields")));
    assertThat(wasi.functions("wasi:http/types")).containsKey("[static]fields.from-list");
    // link-count is used before `type link-count = u64` is declared
    ValType.RecordType stat =
        (ValType.RecordType) wasi.type("wasi:filesystem/types", "descriptor-stat");
    assertThat(stat.fields().get(1))
        .isEqualTo(new ValType.Field("link-count", ValType.Primitive.U64));
    // %type is written escaped; the name is `type`
    assertThat(stat.fields().get(0).name()).isEqualTo("type");
  }

  @Test
  void aVersionOtherThanTheVendoredOneIsRejected() {
    assertThat(wasi.qualifiedName("wasi:io/poll")).isEqualTo("wasi:io/poll@0.2.12");
    assertThatThrownBy(() -> wasi.functions("wasi:io/poll@0.2.3"))
        .isInstanceOf(WitException.class)
        .hasMessageContaining("0.2.12");
    assertThatThrownBy(() -> wasi.function("wasi:io/poll", "nope"))
        .isInstanceOf(WitException.class);
  }
}
