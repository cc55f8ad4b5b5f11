package virga.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import virga.component.Linker;
import virga.component.values.Value;
import virga.wasi.guest.GuestsAccess;

class WasiTest {

  @Test
  void everyFunctionOfTheImplementedInterfacesIsRegistered() {
    TestWasi w = new TestWasi(WasiContext.builder().build());
    assertThat(w.binder.missing()).isEmpty();
    assertThat(Wasi.packages())
        .extracting(WasiPackage::id)
        .startsWith("wasi:io", "wasi:clocks", "wasi:random", "wasi:cli");
  }

  @Test
  void importsOfOlderMinorVersionsAreServedByTheRegistered0212() {
    Linker linker = new Linker();
    try (WasiContext ctx =
        WasiContext.builder()
            .secureRandom(new java.util.Random(7))
            .insecureSeed(1, 2)
            .monotonicClock(() -> 123_456)
            .build()) {
      Wasi.addToLinker(linker, ctx);
      var instance = linker.instantiate(GuestsAccess.component("wasi-semver"));
      assertThat(instance.call("random")).isEqualTo(Value.u64(new java.util.Random(7).nextLong()));
      assertThat(instance.call("now")).isEqualTo(Value.u64(123_456));
    }
  }

  @Test
  void registersEveryInterfaceAtTheVendoredVersion() {
    assertThat(Wasi.VERSION).isEqualTo("0.2.12");
    TestWasi w = new TestWasi(WasiContext.builder().build());
    assertThat(w.binder.function("wasi:io/streams@0.2.12", "[method]input-stream.read"))
        .isNotNull();
    assertThat(List.of("wasi:cli/terminal-stdin", "wasi:random/insecure-seed"))
        .allSatisfy(i -> assertThat(Wasi.types().functions(i)).isNotEmpty());
  }
}
