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
import virga.component.values.Value;
import virga.wasi.CommandRunner;
import virga.wasi.Wasi;
import virga.wasi.WasiContext;

/**
 * cguest (C + wasi-libc + preview1 reactor adapter) on the WASI host; compare
 * guests/cases/cguest.expected.
 */
@Timeout(60)
class CguestTest {

  @Test
  void runPrintsTheConfiguredGreetingToStdoutAndReturnsZero() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> log = Guests.newLog();
    Linker linker = new Linker();
    Guests.addConfigAndLogging(linker, Map.of("greeting", "hi-from-host"), log);
    Unimplemented.addMissing(linker);
    int code =
        CommandRunner.run(
            Guests.component("cguest"),
            linker,
            WasiContext.builder().stdout(out).build(),
            InstanceLimits.NONE);
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("run: config greeting=hi-from-host (via stdout)\n");
    assertThat(log).containsExactly("info cguest: run: config greeting=hi-from-host");
  }

  @Test
  void exportsStillWorkWithWasiLinked() {
    Linker linker = new Linker();
    Guests.addConfigAndLogging(linker, Map.of(), Guests.newLog());
    Unimplemented.addMissing(linker);
    try (WasiContext ctx = WasiContext.builder().build()) {
      Wasi.addToLinker(linker, ctx);
      var instance = linker.instantiate(Guests.component("cguest"));
      assertThat(
              instance.call(
                  "example:cdemo/strings@0.1.0#reverse", Value.string("Hello, Wörld ✓ 🎉")))
          .isEqualTo(Value.string("🎉 ✓ dlröW ,olleH"));
    }
  }
}
