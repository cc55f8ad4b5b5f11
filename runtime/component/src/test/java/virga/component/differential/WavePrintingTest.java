package virga.component.differential;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import virga.component.types.ValType;
import virga.component.values.Value;
import virga.component.values.Wave;

/**
 * WAVE printing differences the differential kinds cases found between {@link Wave#print} and
 * wasm-wave's writer (Rust {@code Display} for floats, {@code char::escape_debug} for chars).
 */
class WavePrintingTest {

  @Test
  void floatsPrintTheirShortestRoundTripDigitsEvenWhereJava17ToStringDoesNot() {
    // Java 17: Double.toString(Double.MIN_VALUE) = "4.9E-324", Float.toString(Float.MIN_VALUE) =
    // "1.4E-45", Double.toString(2.82879384806159E17) = "2.82879384806159008E17"
    assertThat(f64(Double.MIN_VALUE)).isEqualTo("0." + "0".repeat(323) + "5");
    assertThat(f32(Float.MIN_VALUE)).isEqualTo("0." + "0".repeat(44) + "1");
    assertThat(f64(2.82879384806159E17)).isEqualTo("282879384806159000");
    assertThat(f32(-Float.MIN_VALUE)).isEqualTo("-0." + "0".repeat(44) + "1");
    // unchanged: ordinary values, f32 digits of the f32 (not of its f64 widening)
    assertThat(f32(3.14f)).isEqualTo("3.14");
    assertThat(f32(16777217f)).isEqualTo("16777216");
    assertThat(f64(0.1)).isEqualTo("0.1");
    assertThat(f64(1.0 / 3)).isEqualTo("0.3333333333333333");
    assertThat(f64(1e23)).isEqualTo("100000000000000000000000");
    assertThat(f64(-0.0)).isEqualTo("-0");
  }

  @Test
  void graphemeExtendingCharactersOutsideMnAndMeAreEscaped() {
    // Other_Grapheme_Extend: U+09BE (Mc), U+FF9E (Lm), U+1D165 (Mc), as Rust's escape_debug does
    assertThat(chr(0x9be)).isEqualTo("'\\u{9be}'");
    assertThat(chr(0xff9e)).isEqualTo("'\\u{ff9e}'");
    assertThat(chr(0x1d165)).isEqualTo("'\\u{1d165}'");
    // neighbours that are not grapheme-extending stay as they are
    assertThat(chr(0x9bd)).isEqualTo("'\u09bd'");
    assertThat(chr(0xff9d)).isEqualTo("'\uff9d'");
    assertThat(chr(0x301)).isEqualTo("'\\u{301}'"); // Mn, escaped before too
  }

  private static String f64(double d) {
    return Wave.print(ValType.Primitive.F64, Value.f64(d));
  }

  private static String f32(float f) {
    return Wave.print(ValType.Primitive.F32, Value.f32(f));
  }

  private static String chr(int cp) {
    return Wave.print(ValType.Primitive.CHAR, Value.character(cp));
  }
}
