package virga.component.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.MalformedComponentException;
import virga.component.UnsupportedFeatureException;
import virga.component.testing.Bin;
import virga.component.testing.Components;
import virga.component.testing.CoreModules;

@Timeout(20)
class ComponentParserErrorsTest {

  private static MalformedComponentException parseError(byte[] bytes) {
    return catchThrowableOfType(
        MalformedComponentException.class, () -> ComponentParser.parse(bytes));
  }

  @Test
  void rejectsBadMagic() {
    MalformedComponentException e =
        parseError(Bin.of(0x00, 0x61, 0x73, 0x6e, 0x0d, 0, 1, 0).toBytes());
    assertThat(e.getMessage()).contains("bad magic");
    assertThat(e.offset()).isZero();
    assertThat(e.section()).isNull();
  }

  @Test
  void rejectsAnOlderVersion() {
    MalformedComponentException e =
        parseError(Bin.of(0x00, 0x61, 0x73, 0x6d, 0x0a, 0, 1, 0).toBytes());
    assertThat(e.getMessage()).contains("unsupported component version 0x0a");
    assertThat(e.offset()).isEqualTo(4);
  }

  @Test
  void rejectsACoreModuleWithAClearMessage() {
    MalformedComponentException e = parseError(CoreModules.adder());
    assertThat(e.getMessage()).contains("core module (layer 0), not a component");
    assertThat(e.offset()).isEqualTo(6);
  }

  @Test
  void rejectsTooShortInput() {
    assertThat(parseError(new byte[] {0, 0x61}).getMessage()).contains("too short");
  }

  @Test
  void rejectsASectionLongerThanTheFile() {
    byte[] bin = Bin.component().u8(7, 10, 1, 0x79).toBytes();
    MalformedComponentException e = parseError(bin);
    assertThat(e.getMessage()).contains("section size 10 exceeds the 2 bytes left");
    assertThat(e.offset()).isEqualTo(9);
  }

  @Test
  void rejectsTruncationInsideASection() {
    // a record type whose field name claims 5 bytes but the section ends after 1
    byte[] bin = Bin.component().section(7, Bin.of(1, 0x72, 1, 5, 'x')).toBytes();
    MalformedComponentException e = parseError(bin);
    assertThat(e.section()).isEqualTo("type");
    assertThat(e.getMessage()).contains("unexpected end of data");
    assertThat(e.offset()).isEqualTo(14);
  }

  @Test
  void rejectsAnOverlongLeb128() {
    byte[] bin = Bin.component().section(7, Bin.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x00)).toBytes();
    MalformedComponentException e = parseError(bin);
    assertThat(e.getMessage()).contains("longer than 5 bytes");
    assertThat(e.section()).isEqualTo("type");
    assertThat(e.offset()).isEqualTo(10);
  }

  @Test
  void rejectsALeb128ThatOverflows32Bits() {
    byte[] bin = Bin.component().section(10, Bin.of(0xff, 0xff, 0xff, 0xff, 0x1f)).toBytes();
    MalformedComponentException e = parseError(bin);
    assertThat(e.getMessage()).contains("overflows 32 bits");
    assertThat(e.section()).isEqualTo("import");
  }

  @Test
  void rejectsAHugeCountWithoutAllocating() {
    byte[] bin = Bin.component().section(7, Bin.of(0xff, 0xff, 0xff, 0xff, 0x07)).toBytes();
    MalformedComponentException e = parseError(bin);
    assertThat(e.getMessage()).contains("count");
    assertThat(e.section()).isEqualTo("type");
  }

  @Test
  void rejectsAnUnknownTypeOpcode() {
    byte[] bin = Bin.component().vecSection(7, 1, Bin.of(0x55)).toBytes();
    MalformedComponentException e = parseError(bin);
    assertThat(e.getMessage()).contains("unknown type opcode 0x55");
    assertThat(e.section()).isEqualTo("type");
    assertThat(e.offset()).isEqualTo(11);
  }

  @Test
  void rejectsAnUnknownSectionId() {
    MalformedComponentException e = parseError(Bin.component().u8(13, 0).toBytes());
    assertThat(e.getMessage()).contains("unknown section id 0x0d");
    assertThat(e.offset()).isEqualTo(8);
  }

  @Test
  void rejectsTrailingBytesInASection() {
    byte[] bin = Bin.component().section(7, Bin.of(1, 0x79, 0x79)).toBytes();
    MalformedComponentException e = parseError(bin);
    assertThat(e.getMessage()).contains("trailing");
    assertThat(e.section()).isEqualTo("type");
  }

  @Test
  void rejectsANameThatIsNotUtf8() {
    byte[] bin = Bin.component().vecSection(10, 1, Bin.of(0x00, 2, 0xc3, 0x28, 0x01, 0)).toBytes();
    MalformedComponentException e = parseError(bin);
    assertThat(e.getMessage()).contains("not valid UTF-8");
    assertThat(e.section()).isEqualTo("import");
  }

  @Test
  void rejectsAnOutOfRangeIndexNamingTheSection() {
    byte[] bin =
        Bin.component().vecSection(11, 1, new Bin().u8(0).name("f").u8(0x01, 3, 0)).toBytes();
    MalformedComponentException e = parseError(bin);
    assertThat(e.getMessage()).contains("func index 3 out of range (0 defined)");
    assertThat(e.section()).isEqualTo("export");
    assertThat(e.offset()).isEqualTo(11);
  }

  @Test
  void rejectsAValueTypeThatNamesAFunctionType() {
    byte[] bin =
        Bin.component().vecSection(7, 2, new Bin().u8(0x40, 0, 0x01, 0).u8(0x70, 0)).toBytes();
    MalformedComponentException e = parseError(bin);
    assertThat(e.getMessage()).contains("type index 0 is a FUNC type, not a VALUE type");
    assertThat(e.section()).isEqualTo("type");
  }

  @Test
  void rejectsAnOuterAliasBeyondTheEnclosingComponents() {
    byte[] bin = Bin.component().vecSection(6, 1, Bin.of(0x03, 0x02, 1, 0)).toBytes();
    MalformedComponentException e = parseError(bin);
    assertThat(e.getMessage()).contains("exceeds the enclosing scopes");
    assertThat(e.section()).isEqualTo("alias");
  }

  @Test
  void reportsOffsetsInsideNestedComponentsAgainstTheOutermostBinary() {
    Bin inner = Bin.component().vecSection(7, 1, Bin.of(0x55));
    byte[] bin = Bin.component().section(4, inner).toBytes();
    MalformedComponentException e = parseError(bin);
    // outer preamble 8, section id + size 2, inner preamble 8, inner id + size 2, count 1
    assertThat(e.offset()).isEqualTo(21);
    assertThat(e.section()).isEqualTo("type");
  }

  @Test
  void refusesAsyncCanonBuiltinsByName() {
    byte[] bin = Bin.component().vecSection(8, 1, Bin.of(0x09, 0x01, 0x00, 0x00)).toBytes();
    assertThatThrownBy(() -> ComponentParser.parse(bin))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("component-model async is not supported: task.return")
        .hasMessageContaining("canon section");
    byte[] waitable = Bin.component().vecSection(8, 1, Bin.of(0x1f)).toBytes();
    assertThatThrownBy(() -> ComponentParser.parse(waitable))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("waitable-set.new");
  }

  @Test
  void refusesTheAsyncAndCallbackOptions() {
    byte[] bin = Bin.component().vecSection(8, 1, Bin.of(0x00, 0x00, 0, 1, 0x06, 0)).toBytes();
    assertThatThrownBy(() -> ComponentParser.parse(bin))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("async option");
    byte[] cb = Bin.component().vecSection(8, 1, Bin.of(0x00, 0x00, 0, 1, 0x07, 0, 0)).toBytes();
    assertThatThrownBy(() -> ComponentParser.parse(cb))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("callback option");
  }

  @Test
  void refusesStreamAndFutureTypes() {
    byte[] bin = Bin.component().vecSection(7, 1, Bin.of(0x66, 0x00)).toBytes();
    UnsupportedFeatureException e =
        catchThrowableOfType(UnsupportedFeatureException.class, () -> ComponentParser.parse(bin));
    assertThat(e.getMessage()).contains("component-model async is not supported: stream type");
    assertThat(e.offset()).isEqualTo(11);
  }

  @Test
  void rejectsDuplicateCanonOptions() {
    byte[] bin =
        Bin.component().vecSection(8, 1, Bin.of(0x00, 0x00, 0, 2, 0x00, 0x01, 0)).toBytes();
    assertThat(parseError(bin).getMessage()).contains("duplicate string-encoding");
  }

  @Test
  void neverThrowsAnythingButMalformedForTruncatedOrCorruptedInput() {
    for (byte[] good : new byte[][] {Components.adder(), KitchenSink.bytes()}) {
      int rejected = 0;
      for (int len = 0; len < good.length; len++) {
        try {
          // a cut at a section boundary is a valid, shorter component
          ComponentParser.parse(Arrays.copyOf(good, len));
        } catch (MalformedComponentException expected) {
          rejected++;
        }
      }
      assertThat(rejected).isGreaterThan(good.length * 9 / 10);
      Random random = new Random(42);
      for (int i = 0; i < 3000; i++) {
        byte[] bad = good.clone();
        bad[8 + random.nextInt(bad.length - 8)] = (byte) random.nextInt(256);
        try {
          ComponentParser.parse(bad);
        } catch (MalformedComponentException expected) {
          assertThat(expected.offset()).isBetween(0L, (long) bad.length);
        }
      }
    }
  }
}
