package virga.component.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import virga.component.MalformedComponentException;
import virga.component.binary.ComponentParser;

/**
 * Import and export names must be strongly-unique (Explainer.md, "Name uniqueness"), with the
 * Explainer's own examples: a set of names that may all coexist, and names that clash with it.
 */
class NameUniquenessTest {
  private static final List<String> STRONGLY_UNIQUE =
      List.of(
          "foo",
          "foo-bar",
          "[constructor]foo",
          "[method]foo.bar",
          "[static]foo.baz",
          "foo:bar/baz");

  /** A component importing a {@code (func)} under each of {@code names}, in order. */
  private static byte[] importing(List<String> names) {
    Bytes imports = new Bytes();
    for (String n : names) {
      imports.u8(0).name(n).u8(0x01, 0);
    }
    return Bytes.component()
        .vec(7, 1, Bytes.of(0x40, 0, 0x01, 0))
        .vec(10, names.size(), imports)
        .toBytes();
  }

  @Test
  void theExplainersStronglyUniqueNamesCoexist() {
    assertThatCode(() -> ComponentParser.parse(importing(STRONGLY_UNIQUE)))
        .doesNotThrowAnyException();
  }

  @Test
  void anImportAndAnExportMayShareAName() {
    byte[] bin =
        Bytes.component()
            .vec(7, 1, Bytes.of(0x40, 0, 0x01, 0))
            .vec(10, 1, new Bytes().u8(0).name("f").u8(0x01, 0))
            .vec(11, 1, new Bytes().u8(0).name("f").u8(0x01, 0, 0))
            .toBytes();

    assertThatCode(() -> ComponentParser.parse(bin)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "foo",
        "FOO",
        "foo-BAR",
        "foobar",
        "foob-ar",
        "[constructor]FOO",
        "[method]foo.BAR",
        "[static]foo.bar",
        "[method]foo.baz",
        "[method]foo.foo",
        "[static]foobar.FOOBAR",
        "foo:bar/BAZ"
      })
  void aNameThatClashesIsRejected(String clash) {
    List<String> names = new ArrayList<>(STRONGLY_UNIQUE);
    names.add(clash);
    Throwable t = catchThrowable(() -> ComponentParser.parse(importing(names)));

    assertThat(t)
        .isExactlyInstanceOf(MalformedComponentException.class)
        .hasMessageContaining("import name `" + clash + "`")
        .hasMessageContaining("in the import section");
  }
}
