package virga.component.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.opentest4j.AssertionFailedError;

/**
 * This engine against the committed oracle transcripts ({@code guests/cases/<fixture>.expected},
 * printed by the node oracle, or derived by hand for {@code composed-latin1}), without node: the
 * fast regression check of plain unit runs. {@link DifferentialIT} runs the oracle live.
 */
class TranscriptTest {

  @ParameterizedTest(name = "{0}")
  @FieldSource("virga.component.differential.Fixtures#NO_WASI")
  void engineReproducesTheCommittedTranscript(String fixture) {
    long t0 = System.nanoTime();
    List<String> ours = new TranscriptRunner().run(fixture);
    System.out.printf(
        "transcript %s: %d lines, %d ms%n",
        fixture, ours.size(), (System.nanoTime() - t0) / 1_000_000);
    Transcripts.assertSame(
        fixture,
        "guests/cases/" + fixture + ".expected",
        Fixtures.expectedLines(fixture),
        "virga",
        ours);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("virga.component.differential.Fixtures#EXTRA")
  void engineReproducesTheOracleTranscriptOfTheExtraCases(String fixture) {
    List<String> ours =
        new TranscriptRunner().run(fixture, Fixtures.wasm(fixture), Fixtures.extraCases(fixture));
    Transcripts.assertSame(
        fixture + " (extra cases)",
        "src/test/resources/differential/" + fixture + ".expected",
        Transcripts.lines(Fixtures.read(Fixtures.extraExpected(fixture))),
        "virga",
        ours);
  }

  @Test
  void engineFollowsTheCanonicalAbiWhereJcoDeparts() {
    Fixtures.SPEC_ONLY.forEach(
        (name, fixture) ->
            Transcripts.assertSame(
                name,
                "src/test/resources/differential/" + name + ".expected (from CanonicalABI.md)",
                Transcripts.lines(Fixtures.read(Fixtures.extraExpected(name))),
                "virga",
                new TranscriptRunner()
                    .run(fixture, Fixtures.wasm(fixture), Fixtures.extraCases(name))));
  }

  @Test
  void aNewInstanceLineGivesAFreshInstanceAfterATrap(@TempDir Path dir) throws IOException {
    Path cases = dir.resolve("malformed.cases");
    Files.writeString(
        cases,
        String.join(
            "\n",
            "example:malformed/bad#enum-bad()",
            "example:malformed/bad#u8-wide()",
            "new-instance",
            "example:malformed/bad#u8-wide()"));
    assertThat(new TranscriptRunner().run("malformed", Fixtures.wasm("malformed"), cases))
        .containsExactly(
            "example:malformed/bad#enum-bad() => trap",
            "example:malformed/bad#u8-wide() => trap",
            "new-instance => ()",
            "example:malformed/bad#u8-wide() => 44");
  }

  @Test
  void everyFixtureWithACaseFileIsRunHereOrByTheWasiModule() {
    List<String> covered = new ArrayList<>(Fixtures.NO_WASI);
    covered.addAll(Fixtures.WASI);
    assertThat(covered).containsExactlyInAnyOrderElementsOf(Fixtures.withCaseFiles());
  }

  @Test
  void theTranscriptComesFromTheEngineNotFromTheCaseFile(@TempDir Path dir) throws IOException {
    Path cases = dir.resolve("reverse.cases");
    Files.writeString(
        cases, "# not in the committed cases\nreverse(\"Zürich 🎉\")\n\nreverse(\"a\\u{0}b\")\n");
    assertThat(new TranscriptRunner().run("reverse", Fixtures.wasm("reverse"), cases))
        .containsExactly(
            "reverse(\"Zürich 🎉\") => \"🎉 hcirüZ\"", "reverse(\"a\\u{0}b\") => \"b\\u{0}a\"");
  }

  @Test
  void hostCallsAndResourceBindingsAppearInTheTranscript(@TempDir Path dir) throws IOException {
    Path cases = dir.resolve("resources.cases");
    Files.writeString(
        cases,
        String.join(
            "\n",
            "$c = example:resources/api#[constructor]counter(7)",
            "example:resources/api#peek($c)",
            "drop $c",
            "example:resources/api#dropped()",
            "example:resources/api#use-blob([200])",
            "example:resources/api#peek($c)"));
    assertThat(new TranscriptRunner().run("resources", Fixtures.wasm("resources"), cases))
        .containsExactly(
            "$c = example:resources/api#[constructor]counter(7) => $c",
            "example:resources/api#peek($c) => 7",
            "drop $c => ()",
            "example:resources/api#dropped() => 1",
            "host: example:resources/host#[constructor]blob([200])",
            "host: example:resources/host#[method]blob.append(<blob>, [33, 33])",
            "host: example:resources/host#[method]blob.size(<blob>)",
            "host: example:resources/host#[static]blob.concat(<blob>, <blob>)",
            "host: example:resources/host#[method]blob.size(<blob>)",
            "host: example:resources/host#consume(<blob>)",
            "host: drop <blob>(3 bytes)",
            "example:resources/api#use-blob([200]) => (3, 6, 532)",
            "example:resources/api#peek($c) => runner-error: java.lang.IllegalArgumentException:"
                + " unknown binding $c");
  }

  @Test
  void aDifferenceFailsWithALineDiff() {
    List<String> a = List.of("x() => 1", "host: h()", "y() => 2", "z() => 3");
    List<String> b = List.of("x() => 1", "y() => 20", "z() => 3");
    assertThatThrownBy(() -> Transcripts.assertSame("f", "oracle", a, "virga", b))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("f: virga differs from oracle")
        .hasMessageContaining("- 2: host: h()")
        .hasMessageContaining("- 3: y() => 2")
        .hasMessageContaining("+ 2: y() => 20");
  }

  @Test
  void missingNodeSkipsLocallyButFailsOnCi(@TempDir Path emptyGuests) {
    assertThatThrownBy(() -> NodeOracle.require(emptyGuests, null))
        .isInstanceOf(org.opentest4j.TestAbortedException.class)
        .hasMessageContaining("jco");
    assertThatThrownBy(() -> NodeOracle.require(emptyGuests, "true"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("CI=true");
  }
}
