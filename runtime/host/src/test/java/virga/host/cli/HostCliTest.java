package virga.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCliTest {
  @Test
  void invokeCallsAnExportAndPrintsTheResultInWave() {
    CliRun run =
        CliRun.run("invoke", CliRun.fixture("reverse.wasm").toString(), "reverse(\"ab✓🎉\")");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("\"🎉✓ba\"\n");
  }

  @Test
  void invokeCallsAnInterfaceFunctionByItsFullName() {
    CliRun run =
        CliRun.run(
            "invoke",
            CliRun.fixture("composed.wasm").toString(),
            "example:composed/api@0.1.0#wrap-utf8(\"Wörld\")");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().trim()).contains("Wörld");
    CliRun versionless =
        CliRun.run(
            "invoke",
            CliRun.fixture("composed.wasm").toString(),
            "example:composed/api#wrap-utf8(\"Wörld\")");
    assertThat(versionless.out()).isEqualTo(run.out());
  }

  @Test
  void anArgumentOfTheWrongTypeIsAUsageErrorNamingTheProblem() {
    CliRun run = CliRun.run("invoke", CliRun.fixture("reverse.wasm").toString(), "reverse(42)");
    assertThat(run.exitCode()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(run.err()).startsWith("error: ").contains("string");
  }

  @Test
  void aComponentWithImportsExplainsWhyInvokeCannotRunIt() {
    CliRun run =
        CliRun.run(
            "invoke", CliRun.fixture("kinds.wasm").toString(), "example:kinds/echo#echo-u8(255)");
    assertThat(run.exitCode()).isEqualTo(CliErrors.LINK);
    assertThat(run.err()).contains("example:kinds/host").contains("host inspect");
  }

  @Test
  void anUnknownExportIsALinkErrorNamingIt() {
    CliRun run = CliRun.run("invoke", CliRun.fixture("reverse.wasm").toString(), "nope()");
    assertThat(run.exitCode()).isEqualTo(CliErrors.LINK);
    assertThat(run.err()).contains("nope");
  }

  @Test
  void garbageIsNotAComponentAndTheMessageSaysWhere(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.wasm");
    Files.write(bad, new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 0x07, 0x7f});
    CliRun run = CliRun.run("invoke", bad.toString(), "f()");
    assertThat(run.exitCode()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(run.err()).contains("not a valid WebAssembly component").contains("byte offset");
  }

  @Test
  void aMissingFileIsNamed() {
    CliRun run = CliRun.run("inspect", "/nonexistent/x.wasm");
    assertThat(run.exitCode()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(run.err()).contains("/nonexistent/x.wasm");
  }

  @Test
  void inspectPrintsImportsExportsAndResourcesAsWit() {
    CliRun run = CliRun.run("inspect", CliRun.fixture("resources.wasm").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("world root {")
        .contains("import example:resources/host@0.1.0;")
        .contains("export example:resources/api@0.1.0;")
        .contains("resource counter {")
        .contains("constructor(start: u32);")
        .contains("make: static func(start: u32) -> counter;")
        .contains("concat: static func(a: borrow<blob>, b: borrow<blob>) -> blob;");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"run", "serve", "invoke", "inspect"}) {
      CliRun run = CliRun.run(command, "--help");
      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("Usage: host " + command);
    }
    CliRun top = CliRun.run("--help");
    assertThat(top.out()).contains("run").contains("serve").contains("invoke").contains("inspect");
  }

  @Test
  void runRefusesAComponentThatIsNotACommand() {
    CliRun run = CliRun.run("run", CliRun.fixture("reverse.wasm").toString());
    assertThat(run.exitCode()).isEqualTo(CliErrors.LINK);
    assertThat(run.err()).contains("not a command").contains("wasi:cli/run");
  }

  @Test
  void runRefusesADirThatIsNotHostColonColonGuest() {
    CliRun run = CliRun.run("run", "--dir", "nonsense", CliRun.fixture("reverse.wasm").toString());
    assertThat(run.exitCode()).isEqualTo(CliErrors.BAD_INPUT);
    assertThat(run.err()).contains("HOST::GUEST");
  }

  @Test
  void aDeadlineStopsARunawayGuest() {
    CliRun run =
        CliRun.run(
            "invoke",
            "--deadline",
            "200ms",
            CliRun.fixture("bench.wasm").toString(),
            "sieve(2000000000)");
    assertThat(run.exitCode()).isEqualTo(CliErrors.TRAP);
    assertThat(run.err()).contains("the guest trapped").contains("deadline");
  }
}
