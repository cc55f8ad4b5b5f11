package virga.component;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionMatchingTest {

  @Test
  void zeroMinorVersionsMatchWithinTheMinor() {
    assertThat(VersionMatching.compatibleKey("0.2.12")).isEqualTo("0.2");
    assertThat(VersionMatching.compatible("0.2.12", "0.2.0")).isTrue();
    assertThat(VersionMatching.compatible("0.2.0", "0.2.12")).isTrue();
    assertThat(VersionMatching.compatible("0.2.1", "0.3.0")).isFalse();
  }

  @Test
  void majorVersionsMatchWithinTheMajor() {
    assertThat(VersionMatching.compatibleKey("1.4.2")).isEqualTo("1");
    assertThat(VersionMatching.compatible("1.4.2", "1.0.0")).isTrue();
    assertThat(VersionMatching.compatible("2.0.0", "1.9.9")).isFalse();
  }

  @Test
  void zeroZeroAndPrereleasesMatchOnlyExactly() {
    assertThat(VersionMatching.compatible("0.0.1", "0.0.2")).isFalse();
    assertThat(VersionMatching.compatible("0.0.1", "0.0.1")).isTrue();
    assertThat(VersionMatching.compatible("0.2.0-rc.1", "0.2.0")).isFalse();
    assertThat(VersionMatching.compatible("0.2.0-rc.1", "0.2.0-rc.1")).isTrue();
    assertThat(VersionMatching.compatible("0.2.0", "0.2.0-rc.1")).isFalse();
  }

  @Test
  void buildMetadataDoesNotPreventMatching() {
    assertThat(VersionMatching.compatible("0.2.3+abc", "0.2.0")).isTrue();
  }

  @Test
  void unversionedNamesOnlyMatchUnversioned() {
    assertThat(VersionMatching.compatible(null, null)).isTrue();
    assertThat(VersionMatching.compatible("0.2.0", null)).isFalse();
  }

  @Test
  void theLinkerPicksTheNewestCompatibleRegistration() {
    Linker linker =
        new Linker()
            .resource(
                "wasi:io/streams@0.2.0#input-stream", new virga.component.types.ResourceType("a"))
            .resource(
                "wasi:io/streams@0.2.9#input-stream", new virga.component.types.ResourceType("b"))
            .resource(
                "wasi:io/streams@0.3.0#input-stream", new virga.component.types.ResourceType("c"));
    var served = (virga.component.runtime.Item.Instance) linker.lookup("wasi:io/streams@0.2.12");
    var type =
        (virga.component.runtime.ExternType.Resource) served.exports().get("input-stream").type();
    assertThat(type.type().name()).isEqualTo("b");
    assertThat(linker.lookup("wasi:io/streams@0.4.0")).isNull();
    assertThat(linker.lookup("wasi:io/poll@0.2.0")).isNull();
  }
}
