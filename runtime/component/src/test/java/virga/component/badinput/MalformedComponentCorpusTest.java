package virga.component.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import virga.component.Engine;
import virga.component.MalformedComponentException;
import virga.component.UnsupportedFeatureException;
import virga.component.binary.ComponentParser;

/**
 * Every file of the malformed corpus is rejected by {@code Engine.compile} (the parser, then the
 * core engine for the core-module cases) with the documented exception, message, offset and
 * section; every truncation of the valid seeds is rejected cleanly.
 */
class MalformedComponentCorpusTest {
  private static final Engine ENGINE = Pipeline.engine();

  static Stream<Arguments> corpus() throws IOException {
    return Files.readAllLines(MalformedCorpus.DIR.resolve("corpus.tsv")).stream()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.split("\t", -1))
        .map(f -> Arguments.of(f[0], f[1], f[2], Long.parseLong(f[3]), f[4]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void rejectsTheCorpusFile(
      String file, String exception, String message, long offset, String section) {
    Throwable t = catchThrowable(() -> ENGINE.compile(MalformedCorpus.read(file)));

    assertThat(t).isNotNull();
    assertThat(t.getClass().getSimpleName()).as("exception of %s", file).isEqualTo(exception);
    MalformedComponentException e = (MalformedComponentException) t;
    assertThat(e).hasMessageContaining(message);
    assertThat(e.offset()).as("offset").isEqualTo(offset);
    assertThat(e).hasMessageContaining("at byte offset " + offset);
    if (section.equals("-")) {
      assertThat(e.section()).as("section").isNull();
    } else {
      assertThat(e.section()).as("section").isEqualTo(section);
      assertThat(e).hasMessageContaining("in the " + section + " section");
    }
  }

  @Test
  void theCommittedCorpusMatchesItsGenerator() throws IOException {
    List<MalformedCorpus.Case> cases = MalformedCorpus.cases();
    List<String> rows =
        Files.readAllLines(MalformedCorpus.DIR.resolve("corpus.tsv")).stream()
            .filter(line -> !line.startsWith("#"))
            .toList();

    assertThat(rows).containsExactlyElementsOf(cases.stream().map(c -> c.row()).toList());
    for (MalformedCorpus.Case c : cases) {
      assertThat(MalformedCorpus.read(c.name())).as(c.name()).isEqualTo(c.bytes());
      assertThat(c.bytes().length).as("%s stays small", c.name()).isLessThan(16 * 1024);
    }
  }

  static List<Seeds.Seed> seeds() {
    return Seeds.committed();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void theSeedIsValid(Seeds.Seed seed) {
    assertThatCode(() -> ComponentParser.parse(seed.bytes())).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void everyPrefixIsRejectedUnlessItEndsBetweenSections(Seeds.Seed seed) {
    byte[] bytes = seed.bytes();
    SectionMap map = SectionMap.of(bytes);
    for (int len = 0; len < bytes.length; len++) {
      byte[] prefix = java.util.Arrays.copyOf(bytes, len);
      Throwable t = catchThrowable(() -> ComponentParser.parse(prefix));
      if (map.isBoundary(len)) {
        assertThat(t).as("%s cut at section boundary %d", seed, len).isNull();
        continue;
      }
      assertThat(t)
          .as("%s cut to %d bytes", seed, len)
          .isExactlyInstanceOf(MalformedComponentException.class)
          .message()
          .containsAnyOf(
              "unexpected end of data", "too short for a component preamble", "bytes left");
      assertThat(((MalformedComponentException) t).offset()).isBetween(0L, (long) len);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void everyTruncatedSectionContentIsRejectedInsideThatSection(Seeds.Seed seed) {
    byte[] bytes = seed.bytes();
    int checked = 0;
    for (SectionMap.Section s : SectionMap.of(bytes).sections()) {
      for (int keep = 0; keep < s.end() - s.contentStart(); keep++) {
        byte[] cut = SectionMap.truncateContent(bytes, s, keep);
        Throwable t = catchThrowable(() -> ComponentParser.parse(cut));
        if (t == null) {
          // only sections whose content is not fully decoded here may shrink and stay valid
          assertThat(s.id()).as("%s section %d cut to %d", seed, s.id(), keep).isIn(0, 1, 4);
          continue;
        }
        assertThat(t)
            .as("%s section %d cut to %d", seed, s.id(), keep)
            .isInstanceOf(MalformedComponentException.class)
            .isNotInstanceOf(UnsupportedFeatureException.class);
        MalformedComponentException e = (MalformedComponentException) t;
        assertThat(e.section()).as("section of %s", e.getMessage()).isNotNull();
        assertThat(e.offset()).isGreaterThanOrEqualTo(s.contentStart() - 1L);
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }
}
