package virga.wasi.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential: guests/wasi-fs under node {@code jco run} (preview2-shim's node filesystem) and
 * under the JVM host, each with a fresh directory preopened at {@code /sandbox}, must print the
 * same stdout, exit with the same code and leave the same files. {@code jco run} preopens the
 * host's {@code /} by default; a {@code --jco-import} module replaces that with the one mapping
 * through the shim's {@code _setPreopens}. Needs node and {@code cd guests/tools && npm install}.
 */
@Timeout(120)
class WasiFsIT {
  private static final Path GUESTS = Path.of("../../guests");
  private static final Path JCO = GUESTS.resolve("tools/node_modules/.bin/jco");
  private static final Path SHIM_FS =
      GUESTS.resolve(
          "tools/node_modules/@bytecodealliance/preview2-shim/dist/nodejs/filesystem.js");

  @TempDir Path tmp;

  @Test
  void jvmHostMatchesJcoRun() throws Exception {
    assumeTrue(Files.isExecutable(JCO), "jco not installed (cd guests/tools && npm install)");
    Path nodeBox = Files.createDirectory(tmp.resolve("node-box"));
    Path jvmBox = Files.createDirectory(tmp.resolve("jvm-box"));
    WasiFsGuest.Run node = jcoRun(nodeBox);
    WasiFsGuest.Run jvm = WasiFsGuest.run(jvmBox, false);
    assertThat(node.stdout()).contains("unexpected=0");
    assertThat(jvm.stdout()).isEqualTo(node.stdout());
    assertThat(jvm.code()).isEqualTo(node.code());
    assertThat(listing(jvmBox)).isEqualTo(listing(nodeBox)).containsExactly("kept.txt");
    assertThat(Files.readString(jvmBox.resolve("kept.txt")))
        .isEqualTo(Files.readString(nodeBox.resolve("kept.txt")));
    // the recorded expectation WasiFsGuestTest uses is still what jco prints
    assertThat(node.stdout()).isEqualTo(WasiFsGuest.expectedStdout());
  }

  private static List<String> listing(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private WasiFsGuest.Run jcoRun(Path box) throws Exception {
    Path setup = tmp.resolve("preopens.mjs");
    Files.writeString(
        setup,
        "import { _setPreopens } from '"
            + SHIM_FS.toRealPath().toUri()
            + "';\n_setPreopens({ '"
            + WasiFsGuest.GUEST_DIR
            + "': '"
            + box.toRealPath()
            + "' });\n");
    Path out = tmp.resolve("jco-out.txt");
    Path err = tmp.resolve("jco-err.txt");
    Process p =
        new ProcessBuilder(
                JCO.toString(),
                "run",
                "--jco-import",
                setup.toString(),
                GUESTS.resolve("wasm/wasi-fs.wasm").toString(),
                WasiFsGuest.GUEST_DIR)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("jco run did not finish");
    }
    return new WasiFsGuest.Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
