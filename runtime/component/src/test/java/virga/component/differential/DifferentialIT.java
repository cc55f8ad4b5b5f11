package virga.component.differential;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Differential test (issue point 9): for each no-WASI fixture, runs the node reference oracle
 * ({@code guests/oracle/run.mjs}: jco transpile + the JS hosts) live and this engine ({@link
 * TranscriptRunner} with the Java ports of the hosts) on the same case file, and requires the
 * transcripts to be equal line by line. It also requires the oracle to reproduce the committed
 * {@code guests/cases/<fixture>.expected}, so a stale transcript is noticed (regenerate with {@code
 * guests/oracle/run-all.sh}). {@code composed-latin1} and {@code borrow-scope} have no oracle (jco
 * cannot run them, see {@link Fixtures#NO_ORACLE}): only the hand-derived {@code .expected}
 * applies.
 *
 * <p>Without node or jco the oracle tests are skipped, with the reason; with {@code CI=true} they
 * fail instead, so a CI image without node cannot pass green.
 */
class DifferentialIT {
  static final List<String> ORACLE_FIXTURES =
      Fixtures.NO_WASI.stream().filter(f -> !Fixtures.NO_ORACLE.contains(f)).toList();

  @ParameterizedTest(name = "{0}")
  @FieldSource("ORACLE_FIXTURES")
  void engineMatchesTheNodeOracle(String fixture, @TempDir Path scratch) throws Exception {
    Path guests = Fixtures.guests();
    NodeOracle.require(guests, System.getenv("CI"));

    long t0 = System.nanoTime();
    NodeOracle.Result node = NodeOracle.create(guests).run(fixture, scratch);
    long t1 = System.nanoTime();
    List<String> ours = new TranscriptRunner().run(fixture);
    long t2 = System.nanoTime();
    System.out.printf(
        "differential %s: %d lines; node oracle %d ms, virga %d ms%n",
        fixture, node.transcript().size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);

    assertEquals(
        0,
        node.exitCode(),
        () ->
            "node oracle failed for "
                + fixture
                + "\nstdout:\n"
                + String.join("\n", node.transcript())
                + "\nstderr:\n"
                + node.stderr());
    assertAll(
        () -> Transcripts.assertSame(fixture, "the node oracle", node.transcript(), "virga", ours),
        () ->
            Transcripts.assertSame(
                fixture + " (stale .expected? regenerate with guests/oracle/run-all.sh)",
                "guests/cases/" + fixture + ".expected",
                Fixtures.expectedLines(fixture),
                "the node oracle",
                node.transcript()));
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("virga.component.differential.Fixtures#EXTRA")
  void engineMatchesTheNodeOracleOnTheExtraCases(String fixture, @TempDir Path scratch)
      throws Exception {
    Path guests = Fixtures.guests();
    NodeOracle.require(guests, System.getenv("CI"));
    Path cases = Fixtures.extraCases(fixture);

    long t0 = System.nanoTime();
    NodeOracle.Result node = NodeOracle.create(guests).run(fixture, cases, scratch);
    long t1 = System.nanoTime();
    List<String> ours = new TranscriptRunner().run(fixture, Fixtures.wasm(fixture), cases);
    long t2 = System.nanoTime();
    System.out.printf(
        "differential %s (extra cases): %d lines; node oracle %d ms, virga %d ms%n",
        fixture, node.transcript().size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);

    assertEquals(
        0,
        node.exitCode(),
        () ->
            "node oracle failed for "
                + cases
                + "\nstdout:\n"
                + String.join("\n", node.transcript())
                + "\nstderr:\n"
                + node.stderr());
    String expectedName = "src/test/resources/differential/" + fixture + ".expected";
    assertAll(
        () ->
            Transcripts.assertSame(
                fixture + " (extra cases)", "the node oracle", node.transcript(), "virga", ours),
        () ->
            Transcripts.assertSame(
                fixture + " (extra cases; stale .expected? copy the oracle's transcript over it)",
                expectedName,
                Transcripts.lines(Fixtures.read(Fixtures.extraExpected(fixture))),
                "the node oracle",
                node.transcript()));
  }

  /**
   * Where jco departs from CanonicalABI.md ({@link Fixtures#SPEC_ONLY}) the oracle must still print
   * the recorded {@code .jco} transcript, which differs from the spec's: when a jco update changes
   * it, the case may move to the live differential cases.
   */
  @Test
  void jcoStillDepartsFromTheSpecAsRecorded(@TempDir Path scratch) throws Exception {
    Path guests = Fixtures.guests();
    NodeOracle.require(guests, System.getenv("CI"));
    for (var e : Fixtures.SPEC_ONLY.entrySet()) {
      NodeOracle.Result node =
          NodeOracle.create(guests)
              .run(
                  e.getValue(),
                  Fixtures.extraCases(e.getKey()),
                  Files.createDirectories(scratch.resolve(e.getKey())));
      List<String> jco = Transcripts.lines(Fixtures.read(Fixtures.jcoTranscript(e.getKey())));
      Transcripts.assertSame(
          e.getKey() + " (jco changed? re-check the cases against CanonicalABI.md)",
          "src/test/resources/differential/" + e.getKey() + ".jco",
          jco,
          "the node oracle",
          node.transcript());
      // the calls' result lines (host-call lines differ in number: jco runs the host where the spec
      // traps)
      List<String> spec = results(Fixtures.read(Fixtures.extraExpected(e.getKey())));
      jco = results(Fixtures.read(Fixtures.jcoTranscript(e.getKey())));
      for (int i = 0; i < spec.size(); i++) {
        if (!spec.get(i).endsWith("=> ()")) {
          assertNotEquals(
              spec.get(i), jco.get(i), "jco now agrees with the spec on " + spec.get(i));
        }
      }
    }
  }

  private static List<String> results(String transcript) {
    return Transcripts.lines(transcript).stream().filter(l -> !l.startsWith("host: ")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("virga.component.differential.Fixtures#NO_ORACLE")
  void engineMatchesTheHandDerivedTranscriptWhereThereIsNoOracle(String fixture) {
    Transcripts.assertSame(
        fixture,
        "guests/cases/" + fixture + ".expected",
        Fixtures.expectedLines(fixture),
        "virga",
        new TranscriptRunner().run(fixture));
  }
}
