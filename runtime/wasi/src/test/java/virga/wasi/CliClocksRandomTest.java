package virga.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.TrapException;
import virga.component.values.Value;
import virga.wasi.host.Vals;

@Timeout(10)
class CliClocksRandomTest {

  @Test
  void environmentArgumentsAndCwd() {
    TestWasi w =
        new TestWasi(
            WasiContext.builder()
                .args("prog", "x y")
                .env("A", "1")
                .env("B", "")
                .cwd("/work")
                .build());
    assertThat(w.call("wasi:cli/environment", "get-arguments"))
        .isEqualTo(Value.list(Value.string("prog"), Value.string("x y")));
    assertThat(w.call("wasi:cli/environment", "get-environment"))
        .isEqualTo(
            Value.list(
                Value.tuple(Value.string("A"), Value.string("1")),
                Value.tuple(Value.string("B"), Value.string(""))));
    assertThat(w.call("wasi:cli/environment", "initial-cwd"))
        .isEqualTo(Value.some(Value.string("/work")));
    assertThat(
            new TestWasi(WasiContext.builder().build()).call("wasi:cli/environment", "initial-cwd"))
        .isEqualTo(Value.none());
  }

  @Test
  void exitSurfacesTheCode() {
    TestWasi w = new TestWasi(WasiContext.builder().build());
    assertThatThrownBy(() -> w.call("wasi:cli/exit", "exit", Value.ok()))
        .isInstanceOfSatisfying(WasiExit.class, e -> assertThat(e.code()).isZero());
    assertThatThrownBy(() -> w.call("wasi:cli/exit", "exit", Value.err()))
        .isInstanceOfSatisfying(WasiExit.class, e -> assertThat(e.code()).isEqualTo(1));
    assertThatThrownBy(() -> w.call("wasi:cli/exit", "exit-with-code", Value.u8(42)))
        .isInstanceOfSatisfying(WasiExit.class, e -> assertThat(e.code()).isEqualTo(42));
    assertThat(WasiExit.find(new TrapException("wrapped", new WasiExit(3))).code()).isEqualTo(3);
  }

  @Test
  void noStreamIsATerminal() {
    TestWasi w = new TestWasi(WasiContext.builder().build());
    for (String s : new String[] {"stdin", "stdout", "stderr"}) {
      assertThat(w.call("wasi:cli/terminal-" + s, "get-terminal-" + s)).isEqualTo(Value.none());
    }
  }

  @Test
  void clocksAreInjectedAndTimersFollowTheMonotonicClock() {
    AtomicLong mono = new AtomicLong(1_000);
    Instant wall = Instant.parse("2024-05-06T07:08:09.123456789Z");
    TestWasi w =
        new TestWasi(
            WasiContext.builder()
                .monotonicClock(mono::get)
                .wallClock(Clock.fixed(wall, ZoneOffset.UTC), Duration.ofMillis(1))
                .build());
    assertThat(w.call("wasi:clocks/monotonic-clock", "now")).isEqualTo(Value.u64(1_000));
    assertThat(w.call("wasi:clocks/wall-clock", "now"))
        .isEqualTo(
            Value.record(
                Value.field("seconds", Value.u64(wall.getEpochSecond())),
                Value.field("nanoseconds", Value.u32(123_456_789))));
    assertThat(w.call("wasi:clocks/wall-clock", "resolution"))
        .isEqualTo(
            Value.record(
                Value.field("seconds", Value.u64(0)),
                Value.field("nanoseconds", Value.u32(1_000_000))));
    Value.Own p =
        (Value.Own) w.call("wasi:clocks/monotonic-clock", "subscribe-duration", Value.u64(500));
    Value.Own never =
        (Value.Own) w.call("wasi:clocks/monotonic-clock", "subscribe-duration", Value.u64(-1L));
    Value.Own past =
        (Value.Own) w.call("wasi:clocks/monotonic-clock", "subscribe-instant", Value.u64(10));
    assertThat(ready(w, p)).isFalse();
    assertThat(ready(w, past)).isTrue();
    mono.set(1_500);
    assertThat(ready(w, p)).isTrue();
    assertThat(ready(w, never)).isFalse();
  }

  private static boolean ready(TestWasi w, Value.Own p) {
    return ((Value.Bool)
            w.call("wasi:io/poll", "[method]pollable.ready", Value.borrow(p.type(), p.rep())))
        .value();
  }

  @Test
  void randomIsInjectedAndBounded() {
    TestWasi w =
        new TestWasi(
            WasiContext.builder()
                .secureRandom(new Random(1))
                .insecureRandom(new Random(2))
                .insecureSeed(3, 4)
                .build());
    byte[] expected = new byte[5];
    new Random(1).nextBytes(expected);
    assertThat(Vals.bytes(w.call("wasi:random/random", "get-random-bytes", Value.u64(5))))
        .isEqualTo(expected);
    assertThat(w.call("wasi:random/insecure", "get-insecure-random-u64"))
        .isEqualTo(Value.u64(new Random(2).nextLong()));
    assertThat(w.call("wasi:random/insecure-seed", "insecure-seed"))
        .isEqualTo(Value.tuple(Value.u64(3), Value.u64(4)));
    assertThatThrownBy(() -> w.call("wasi:random/random", "get-random-bytes", Value.u64(1L << 40)))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("limit");
  }
}
