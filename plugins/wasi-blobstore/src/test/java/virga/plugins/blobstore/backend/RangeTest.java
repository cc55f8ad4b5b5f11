package virga.plugins.blobstore.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** get-data's inclusive, clamped ranges. */
class RangeTest {
  @Test
  void inclusiveEndsAreClampedAndEmptyRangesAreNoError() {
    assertThat(Range.of(0, 4, 11)).isEqualTo(new Range(0, 5));
    assertThat(Range.of(0, -1L, 11)).isEqualTo(new Range(0, 11));
    assertThat(Range.of(10, 10, 11)).isEqualTo(new Range(10, 1));
    assertThat(Range.of(11, 20, 11)).isEqualTo(new Range(11, 0));
    assertThat(Range.of(-1L, -1L, 11)).isEqualTo(new Range(11, 0));
    assertThat(Range.of(5, 2, 11)).isEqualTo(new Range(5, 0));
    assertThat(Range.of(0, 0, 0)).isEqualTo(new Range(0, 0));
  }
}
