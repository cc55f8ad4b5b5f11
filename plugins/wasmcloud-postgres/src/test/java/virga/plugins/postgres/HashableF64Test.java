package virga.plugins.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashableF64Test {
  @Test
  void encodesAsRustsIntegerDecode() {
    // Rust: 1.5f64.integer_decode() == (6755399441055744, -52, 1)
    assertThat(HashableF64.encode(1.5)).containsExactly(6755399441055744L, -52, (byte) 1);
    // (-2.0).integer_decode() == (4503599627370496, -51, -1)
    assertThat(HashableF64.encode(-2.0)).containsExactly(4503599627370496L, -51, (byte) -1);
    // 0.0.integer_decode() == (0, -1075, 1)
    assertThat(HashableF64.encode(0.0)).containsExactly(0L, -1075, (byte) 1);
  }

  @Test
  void roundTripsExactly() {
    for (double d :
        new double[] {
          0.0,
          -0.0,
          1.0,
          -1.0,
          Math.PI,
          1e-310,
          Double.MIN_VALUE,
          Double.MAX_VALUE,
          123.456,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY
        }) {
      assertThat(HashableF64.decode(HashableF64.encode(d))).isEqualTo(d);
    }
    assertThat(HashableF64.decode(HashableF64.encode(Double.NaN))).isNaN();
    assertThat(HashableF64.decode(HashableF64.encode((double) 3.25f))).isEqualTo(3.25);
  }

  @Test
  void decodesAGuestsTupleWithAnyNumberTypes() {
    assertThat(HashableF64.decode(List.of(6755399441055744L, -52, (byte) 1))).isEqualTo(1.5);
  }
}
