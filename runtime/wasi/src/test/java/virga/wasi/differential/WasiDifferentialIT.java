package virga.wasi.differential;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import virga.component.differential.NodeOracle;
import virga.component.differential.Transcripts;

/**
 * Differential test (issue point 9) for the WASI fixtures: runs the node reference oracle ({@code
 * guests/oracle/run.mjs}: jco transpile, preview2-shim for WASI, {@code oracle/hosts/<fixture>.js}
 * for the rest) live and this engine ({@link WasiTranscriptRunner}: {@code Wasi.addToLinker} plus
 * {@link WasiHosts}) on the same case file, and requires the transcripts, guest stdout included
 * where it was written, to be equal line by line. It also requires the oracle to reproduce the
 * committed transcript ({@code guests/cases/<fixture>.expected}), so a stale transcript is noticed.
 *
 * <p>Without node or jco the tests are skipped, with the reason; with {@code CI=true} they fail
 * instead, so a CI image without node cannot pass green.
 */
@Timeout(900)
class WasiDifferentialIT {
  /** jsapp transpiles a 1.6 MB QuickJS component: more than the component module's bound. */
  private static final long ORACLE_TIMEOUT_SECONDS = 300;

  @ParameterizedTest(name = "{0}")
  @FieldSource("virga.wasi.differential.WasiFixtures#ALL")
  void engineMatchesTheNodeOracle(String fixture, @TempDir Path scratch) throws Exception {
    Path guests = WasiFixtures.guests();
    NodeOracle.require(guests, System.getenv("CI"));

    long t0 = System.nanoTime();
    NodeOracle.Result node =
        NodeOracle.create(guests, ORACLE_TIMEOUT_SECONDS)
            .run(fixture, WasiFixtures.cases(fixture), scratch);
    long t1 = System.nanoTime();
    WasiTranscriptRunner.Result ours = WasiTranscriptRunner.run(fixture);
    long t2 = System.nanoTime();
    System.out.printf(
        "wasi differential %s: %d lines; node oracle %d ms, virga %d ms%n",
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
        () ->
            Transcripts.assertSame(
                fixture + " (virga guest stderr: " + ours.stderr() + ")",
                "the node oracle",
                node.transcript(),
                "virga",
                ours.transcript()),
        () ->
            Transcripts.assertSame(
                fixture + " (stale .expected? regenerate it with guests/oracle/run.mjs)",
                WasiFixtures.expectedName(fixture),
                WasiFixtures.expectedLines(fixture),
                "the node oracle",
                node.transcript()));
  }
}
