package virga.wasi.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.Linker;
import virga.component.core.InstanceLimits;
import virga.wasi.CommandRunner;
import virga.wasi.WasiContext;

/**
 * guests/wasi-command (C command, preview1 command adapter) through {@link CommandRunner}; check
 * with: {@code printf 'hello\nworld\n' | GREETING=hi jco run guests/wasm/wasi-command.wasm a
 * exit=7} ({@code WasiCommandIT} does exactly that).
 */
@Timeout(60)
class WasiCommandTest {
  static final String EXPECTED_STDOUT =
      "argc=3\n"
          + "argv[1]=a\n"
          + "argv[2]=exit=7\n"
          + "GREETING=hi\n"
          + "cwd=/\n"
          + "stdin poll ready=1\n"
          + "stdin first byte=h\n"
          + "stdin bytes=12 lines=2\n"
          + "slept>=20ms=yes\n"
          + "wall after 2020=yes\n"
          + "random rc=0 nonzero=yes\n"
          + "exiting with 7\n";

  record Run(int code, String stdout, String stderr) {}

  static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Linker linker = new Linker();
    Unimplemented.addMissing(linker);
    int code =
        CommandRunner.run(
            Guests.component("wasi-command"),
            linker,
            WasiContext.builder()
                .args(args)
                .env("GREETING", "hi")
                .cwd("/")
                .stdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                .stdout(out)
                .stderr(err)
                .build(),
            InstanceLimits.NONE);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsArgsEnvStdinClocksAndRandomAndExitsNonZero() {
    Run r = run("hello\nworld\n", "wasi-command", "a", "exit=7");
    assertThat(r.stdout()).isEqualTo(EXPECTED_STDOUT);
    assertThat(r.stderr()).isEqualTo("to stderr\n");
    // the preview1 adapter maps any non-zero proc_exit to exit(err), which is 1
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void exitZeroAndEmptyStdin() {
    Run r = run("", "wasi-command");
    assertThat(r.code()).isZero();
    assertThat(r.stdout()).contains("argc=1\n", "stdin poll ready=1\n", "stdin bytes=0 lines=0\n");
  }

  @Test
  void largeStdinIsReadInBoundedChunks() {
    String big = "x".repeat(300_000) + "\n";
    Run r = run(big, "wasi-command");
    assertThat(r.stdout()).contains("stdin bytes=300001 lines=1\n");
  }
}
