package virga.wasi.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Differential: the same command guest under node {@code jco run} (preview2-shim) and under the JVM
 * host must print the same stdout and exit with the same code. Needs node and {@code cd
 * guests/tools && npm install}.
 */
@Timeout(120)
class WasiCommandIT {
  private static final Path JCO = Guests.DIR.resolve("tools/node_modules/.bin/jco");

  @Test
  void jvmHostMatchesJcoRun() throws Exception {
    assumeTrue(Files.isExecutable(JCO), "jco not installed (cd guests/tools && npm install)");
    for (List<String> args : List.of(List.of("a", "exit=7"), List.of("b", "c"))) {
      String stdin = "hello\nworld\n";
      WasiCommandTest.Run node = jcoRun(stdin, args);
      List<String> argv = new ArrayList<>();
      argv.add("wasi-command");
      argv.addAll(args);
      WasiCommandTest.Run jvm = WasiCommandTest.run(stdin, argv.toArray(new String[0]));
      assertThat(jvm.stdout()).isEqualTo(node.stdout());
      assertThat(jvm.stderr()).isEqualTo(node.stderr());
      assertThat(jvm.code()).isEqualTo(node.code());
    }
  }

  private static WasiCommandTest.Run jcoRun(String stdin, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(JCO.toString());
    cmd.add("run");
    cmd.add(Guests.DIR.resolve("wasm/wasi-command.wasm").toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("GREETING", "hi");
    Path out = Files.createTempFile("jco-out", ".txt");
    Path err = Files.createTempFile("jco-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("jco run did not finish");
    }
    try {
      return new WasiCommandTest.Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
