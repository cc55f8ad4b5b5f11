package virga.wasi.filesystem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import virga.component.Linker;
import virga.component.core.InstanceLimits;
import virga.wasi.CommandRunner;
import virga.wasi.Preopen;
import virga.wasi.WasiContext;
import virga.wasi.guest.GuestsAccess;

/** Runs guests/wasi-fs on the JVM host with {@code dir} preopened at {@code /sandbox}. */
final class WasiFsGuest {
  /** Where the guest sees its preopen. */
  static final String GUEST_DIR = "/sandbox";

  /** An exit code with the guest's stdout and stderr. */
  record Run(int code, String stdout, String stderr) {}

  private WasiFsGuest() {}

  static Run run(Path dir, boolean readOnly, String... extraArgs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    WasiContext.Builder b =
        WasiContext.builder()
            .args("wasi-fs", GUEST_DIR)
            .args(extraArgs)
            .preopen(new Preopen(dir, GUEST_DIR, readOnly))
            .stdout(out)
            .stderr(err);
    int code =
        CommandRunner.run(
            GuestsAccess.component("wasi-fs"), new Linker(), b.build(), InstanceLimits.NONE);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The stdout {@code jco run} printed for the plain run (recorded; the IT re-checks it live). */
  static String expectedStdout() {
    try (InputStream in = WasiFsGuest.class.getResourceAsStream("/filesystem/wasi-fs.stdout")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
