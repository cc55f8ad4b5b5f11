package virga.component.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static virga.component.core.CoreValType.F32;
import static virga.component.core.CoreValType.F64;
import static virga.component.core.CoreValType.I32;
import static virga.component.core.CoreValType.I64;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import virga.component.core.CoreFuncType;
import virga.component.types.FuncType;
import virga.component.types.ResourceType;
import virga.component.types.ValType;
import virga.component.types.ValType.Case;
import virga.component.types.ValType.Field;
import virga.component.types.ValType.Primitive;

/** Sizes, alignments and flattenings, cross-checked against the spec's definitions by hand. */
class LayoutTest {
  static final ValType U8 = Primitive.U8;
  static final ValType U32 = Primitive.U32;
  static final ValType U64 = Primitive.U64;

  static ValType.FlagsType flags(int n) {
    return new ValType.FlagsType(IntStream.range(0, n).mapToObj(i -> "f" + i).toList());
  }

  @Test
  void scalarAndPointerLayouts() {
    assertThat(Layout.size(Primitive.BOOL)).isEqualTo(1);
    assertThat(Layout.size(Primitive.CHAR)).isEqualTo(4);
    assertThat(Layout.size(Primitive.STRING)).isEqualTo(8);
    assertThat(Layout.alignment(Primitive.STRING)).isEqualTo(4);
    assertThat(Layout.size(new ValType.ListType(U64))).isEqualTo(8);
    assertThat(Layout.alignment(Primitive.F64)).isEqualTo(8);
    assertThat(Layout.size(new ValType.OwnType(new ResourceType("r")))).isEqualTo(4);
  }

  @Test
  void recordsPadFieldsAndTail() {
    ValType r =
        new ValType.RecordType(
            List.of(new Field("a", U8), new Field("b", U32), new Field("c", U8)));
    assertThat(Layout.size(r)).isEqualTo(12);
    assertThat(Layout.alignment(r)).isEqualTo(4);
    ValType t = new ValType.TupleType(List.of(U8, U64));
    assertThat(Layout.size(t)).isEqualTo(16);
    assertThat(Layout.alignment(t)).isEqualTo(8);
  }

  @Test
  void variantsUseTheSmallestDiscriminant() {
    assertThat(Layout.size(new ValType.OptionType(U8))).isEqualTo(2);
    assertThat(Layout.size(new ValType.OptionType(U64))).isEqualTo(16);
    assertThat(Layout.size(new ValType.ResultType(null, null))).isEqualTo(1);
    assertThat(Layout.size(new ValType.ResultType(Primitive.STRING, U8))).isEqualTo(12);
    List<String> labels = IntStream.range(0, 257).mapToObj(i -> "c" + i).toList();
    assertThat(Layout.size(new ValType.EnumType(labels))).isEqualTo(2);
    assertThat(Layout.size(new ValType.EnumType(labels.subList(0, 256)))).isEqualTo(1);
    assertThat(Layout.discriminantSize(65537)).isEqualTo(4);
  }

  @Test
  void flagsSizesAndFlatWidths() {
    assertThat(Layout.size(flags(0))).isZero();
    assertThat(Layout.size(flags(8))).isEqualTo(1);
    assertThat(Layout.size(flags(9))).isEqualTo(2);
    assertThat(Layout.size(flags(17))).isEqualTo(4);
    assertThat(Layout.size(flags(33))).isEqualTo(8);
    assertThat(Flattening.flattenType(flags(33))).containsExactly(I32, I32);
    assertThat(Flattening.flattenType(flags(0))).isEmpty();
  }

  @Test
  void variantPayloadSlotsJoin() {
    ValType fi = new ValType.VariantType(List.of(new Case("a", Primitive.F32), new Case("b", U32)));
    assertThat(Flattening.flattenType(fi)).containsExactly(I32, I32);
    ValType fl = new ValType.VariantType(List.of(new Case("a", Primitive.F32), new Case("b", U64)));
    assertThat(Flattening.flattenType(fl)).containsExactly(I32, I64);
    assertThat(Flattening.flattenType(new ValType.OptionType(Primitive.F64)))
        .containsExactly(I32, F64);
    assertThat(Flattening.flattenType(new ValType.ResultType(Primitive.F32, Primitive.F64)))
        .containsExactly(I32, I64);
    assertThat(Flattening.flattenType(new ValType.ResultType(Primitive.STRING, Primitive.F32)))
        .containsExactly(I32, I32, I32);
    assertThat(Flattening.flattenType(new ValType.EnumType(List.of("x")))).containsExactly(I32);
    assertThat(Flattening.flattenType(Primitive.F32)).containsExactly(F32);
  }

  @Test
  void functionsSpillParamsAndResults() {
    List<FuncType.Param> sixteen = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      sixteen.add(new FuncType.Param("p" + i, U32));
    }
    CoreFuncType flat = Flattening.flattenFunc(new FuncType(sixteen, U32), Flattening.Context.LIFT);
    assertThat(flat.params()).hasSize(16);
    List<FuncType.Param> seventeen = new ArrayList<>(sixteen);
    seventeen.add(new FuncType.Param("p16", U32));
    FuncType big = new FuncType(seventeen, Primitive.STRING);
    assertThat(Flattening.flattenFunc(big, Flattening.Context.LIFT))
        .isEqualTo(new CoreFuncType(List.of(I32), List.of(I32)));
    assertThat(Flattening.flattenFunc(big, Flattening.Context.LOWER))
        .isEqualTo(new CoreFuncType(List.of(I32, I32), List.of()));
    FuncType none = new FuncType(List.of(), null);
    assertThat(Flattening.flattenFunc(none, Flattening.Context.LOWER))
        .isEqualTo(new CoreFuncType(Collections.nCopies(0, I32), List.of()));
  }

  @Test
  void despecializeMatchesTheSpec() {
    ValType.VariantType v =
        (ValType.VariantType) Layout.despecialize(new ValType.ResultType(U8, null));
    assertThat(v.cases()).containsExactly(new Case("ok", U8), new Case("error", null));
    ValType.RecordType r =
        (ValType.RecordType) Layout.despecialize(new ValType.TupleType(List.of(U8, U32)));
    assertThat(r.fields()).containsExactly(new Field("0", U8), new Field("1", U32));
  }
}
