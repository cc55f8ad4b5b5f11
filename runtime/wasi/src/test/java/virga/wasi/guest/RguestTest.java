package virga.wasi.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.Linker;
import virga.component.core.InstanceLimits;
import virga.wasi.CommandRunner;
import virga.wasi.WasiContext;

/** rguest (Rust 1.63 + preview1 reactor adapter); compare guests/cases/rguest.expected. */
@Timeout(60)
class RguestTest {

  @Test
  void runLogsAndPrintsThroughWasiStdout() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> log = Guests.newLog();
    Linker linker = new Linker();
    Guests.addConfigAndLogging(linker, Map.of(), log);
    Unimplemented.addMissing(linker);
    int code =
        CommandRunner.run(
            Guests.component("rguest"),
            linker,
            WasiContext.builder().stdout(out).build(),
            InstanceLimits.NONE);
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("run: hello from Rust 1.63 (Debian) guest (via stdout)\n");
    assertThat(log).containsExactly("info rguest: run: hello from Rust 1.63 (Debian) guest");
  }
}
