package virga.operator.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WitVersionTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "0.2.0, 0.2.7, true",
    "0.2.0-draft, 0.2.0, true",
    "0.2.0-rc.1, 0.2.1, true",
    "0.2.0, 0.3.0, false",
    "1.0.0, 1.4.2, true",
    "1.0.0, 2.0.0, false",
    "2.1.0, 2.0.9+build.5, true",
    "0.0.1, 0.0.1, true",
    "0.0.1, 0.0.2, false",
    "'', 0.2.0, true",
    "0.2.0, '', true",
    "draft, draft, true",
    "draft, 0.2.0, false",
    "0.2, 0.2.0, false"
  })
  void compatible(String wanted, String offered, boolean expected) {
    assertThat(WitVersion.compatible(wanted, offered)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"1.2.3, 1", "0.2.6-rc.1, 0.2", "0.0.1, 0.0.1", "10.0.0, 10"})
  void canonical(String version, String canonical) {
    assertThat(WitVersion.canonical(version)).isEqualTo(canonical);
  }
}
