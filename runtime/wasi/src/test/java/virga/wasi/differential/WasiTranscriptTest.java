package virga.wasi.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.opentest4j.AssertionFailedError;
import virga.component.Linker;
import virga.component.differential.NodeOracle;
import virga.component.differential.Transcripts;
import virga.component.types.ResourceType;
import virga.component.values.Value;

/**
 * This engine with the WASI host and the Java ports of the oracle's hosts against the committed
 * node transcripts of the WASI fixtures ({@code guests/cases/<fixture>.expected}), without node:
 * the fast regression check of plain unit runs. {@link WasiDifferentialIT} runs the oracle live.
 */
@Timeout(600)
class WasiTranscriptTest {

  @ParameterizedTest(name = "{0}")
  @FieldSource("virga.wasi.differential.WasiFixtures#ALL")
  void engineReproducesTheCommittedNodeTranscript(String fixture) {
    long t0 = System.nanoTime();
    WasiTranscriptRunner.Result ours = WasiTranscriptRunner.run(fixture);
    System.out.printf(
        "wasi transcript %s: %d lines, %d ms%n",
        fixture, ours.transcript().size(), (System.nanoTime() - t0) / 1_000_000);
    Transcripts.assertSame(
        fixture + " (guest stderr: " + ours.stderr() + ")",
        WasiFixtures.expectedName(fixture),
        WasiFixtures.expectedLines(fixture),
        "virga",
        ours.transcript());
  }

  @Test
  void guestStdoutLandsInTheTranscriptWhenTheGuestWritesItNotAtTheEnd(@TempDir Path dir)
      throws IOException {
    // cguest's run(): config get, log, printf + fflush; so each run's stdout line comes before
    // its own result line and before the next call's lines
    Path cases =
        write(
            dir,
            "cguest.cases",
            "wasi:cli/run#run()\nexample:cdemo/strings#reverse(\"ab\")\nwasi:cli/run#run()\n");
    List<String> run =
        List.of(
            "host: wasi:config/store#get(\"greeting\")",
            "host: wasi:logging/logging#log(info, \"cguest\", \"run: config greeting=hi-from-host\")",
            "run: config greeting=hi-from-host (via stdout)",
            "wasi:cli/run#run() => ok");
    assertThat(WasiTranscriptRunner.run("cguest", cases).transcript())
        .containsExactly(
            run.get(0),
            run.get(1),
            run.get(2),
            run.get(3),
            "example:cdemo/strings#reverse(\"ab\") => \"ba\"",
            run.get(0),
            run.get(1),
            run.get(2),
            run.get(3));
  }

  @Test
  void rustLineBufferedStdoutIsWrittenDuringTheCall(@TempDir Path dir) throws IOException {
    Path cases =
        write(
            dir,
            "rguest.cases",
            "wasi:cli/run#run()\nexample:cdemo/strings#count([\"\u00fc\"])\nwasi:cli/run#run()\n");
    String log =
        "host: wasi:logging/logging#log(info, \"rguest\", \"run: hello from Rust 1.63 (Debian)"
            + " guest\")";
    String out = "run: hello from Rust 1.63 (Debian) guest (via stdout)";
    WasiTranscriptRunner.Result r = WasiTranscriptRunner.run("rguest", cases);
    assertThat(r.transcript())
        .containsExactly(
            log,
            out,
            "wasi:cli/run#run() => ok",
            "example:cdemo/strings#count([\"\u00fc\"]) => 2",
            log,
            out,
            "wasi:cli/run#run() => ok");
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void aPartialGuestLineRunsIntoTheNextTranscriptLineAsOnNodesStdout() {
    WasiTranscriptRunner.Output out = new WasiTranscriptRunner.Output();
    out.line("a() => 1");
    byte[] partial = "partial \u00fc".getBytes(StandardCharsets.UTF_8);
    out.write(partial, 0, partial.length);
    out.line("b() => 2");
    assertThat(Transcripts.lines(out.text())).containsExactly("a() => 1", "partial \u00fcb() => 2");
  }

  @Test
  void unsupportedLinesPrintARunnerErrorThatNoOracleTranscriptHas(@TempDir Path dir)
      throws IOException {
    Path cases =
        write(
            dir,
            "rguest.cases",
            "example:cdemo/strings#count()\n$x = example:cdemo/strings#count([])\nnope:x/y#z()\n");
    assertThat(WasiTranscriptRunner.run("rguest", cases).transcript())
        .hasSize(3)
        .allSatisfy(l -> assertThat(l).contains(" => runner-error: "));
  }

  @Test
  void theJavaConfigDataIsTheOneInWasiExtraMjs() {
    String js = WasiFixtures.read(WasiFixtures.guests().resolve("oracle/hosts/wasi-extra.mjs"));
    Matcher literal = Pattern.compile("const configData = \\{([^}]*)\\};").matcher(js);
    assertThat(literal.find()).as("configData literal in wasi-extra.mjs").isTrue();
    Map<String, String> fromJs = new LinkedHashMap<>();
    Matcher entry = Pattern.compile("(\\w+): '([^']*)'").matcher(literal.group(1));
    while (entry.find()) {
      fromJs.put(entry.group(1), entry.group(2));
    }
    assertThat(fromJs).isNotEmpty();
    assertThat(WasiHosts.CONFIG).containsExactlyEntriesOf(fromJs);
  }

  @Test
  void theKeyValueHostBehavesLikeTheJsBucketClass() {
    ResourceType bucket = new ResourceType("bucket");
    Map<String, Linker.HostFunction> h =
        WasiHosts.create(k -> k.equals("wasi:keyvalue/store#bucket") ? bucket : null);
    String kv = "wasi:keyvalue/store#";
    Value a = ok(h.get(kv + "open").call(Value.string("default")));
    Value b = ok(h.get(kv + "open").call(Value.string("default")));
    Value c = ok(h.get(kv + "open").call(Value.string("other")));
    // buckets.get(identifier): the same object for the same identifier
    assertThat(((Value.Own) a).rep()).isSameAs(((Value.Own) b).rep());
    assertThat(((Value.Own) a).rep()).isNotSameAs(((Value.Own) c).rep());
    Value self = Value.borrow(bucket, ((Value.Own) a).rep());
    Value other = Value.borrow(bucket, ((Value.Own) c).rep());
    Value.Str zk = Value.string("z");
    Value.Str ak = Value.string("a");
    assertThat(h.get(kv + "[method]bucket.get").call(self, zk)).isEqualTo(Value.ok(Value.none()));
    assertThat(h.get(kv + "[method]bucket.set").call(self, zk, Value.list(Value.u8(52))))
        .isEqualTo(Value.ok());
    assertThat(h.get(kv + "[method]bucket.set").call(self, ak, Value.list())).isEqualTo(Value.ok());
    assertThat(h.get(kv + "[method]bucket.get").call(self, zk))
        .isEqualTo(Value.ok(Value.some(Value.list(Value.u8(52)))));
    assertThat(h.get(kv + "[method]bucket.exists").call(other, zk))
        .isEqualTo(Value.ok(Value.bool(false)));
    // a JS Map lists its keys in insertion order, and listKeys never returns a cursor
    assertThat(h.get(kv + "[method]bucket.list-keys").call(self, Value.none()))
        .isEqualTo(
            Value.ok(
                Value.record(
                    Value.field("keys", Value.list(zk, ak)), Value.field("cursor", Value.none()))));
    assertThat(h.get(kv + "[method]bucket.delete").call(self, zk)).isEqualTo(Value.ok());
    assertThat(h.get(kv + "[method]bucket.exists").call(self, zk))
        .isEqualTo(Value.ok(Value.bool(false)));
    // without the resource imported there is no keyvalue host at all
    assertThat(WasiHosts.create(k -> null)).doesNotContainKey(kv + "open");
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

  private static Value ok(Value result) {
    assertThat(result).isInstanceOf(Value.ResultValue.class);
    Value.ResultValue r = (Value.ResultValue) result;
    assertThat(r.isOk()).isTrue();
    return r.payload();
  }

  private static List<String> calls(String caseFile) {
    return Transcripts.lines(caseFile).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
