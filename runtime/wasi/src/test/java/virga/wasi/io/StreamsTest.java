package virga.wasi.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.TrapException;
import virga.component.values.Value;
import virga.wasi.TestWasi;
import virga.wasi.WasiContext;
import virga.wasi.WasiLimits;
import virga.wasi.host.Vals;

@Timeout(10)
class StreamsTest {
  private static final String S = "wasi:io/streams";

  private static TestWasi wasi(byte[] stdin, OutputStream stdout) {
    return new TestWasi(
        WasiContext.builder().stdin(new ByteArrayInputStream(stdin)).stdout(stdout).build());
  }

  private static Value stdin(TestWasi w) {
    Value.Own own = (Value.Own) w.call("wasi:cli/stdin", "get-stdin");
    return Value.borrow(own.type(), own.rep());
  }

  private static Value stdout(TestWasi w) {
    Value.Own own = (Value.Own) w.call("wasi:cli/stdout", "get-stdout");
    return Value.borrow(own.type(), own.rep());
  }

  private static byte[] okBytes(Value v) {
    Value.ResultValue r = (Value.ResultValue) v;
    assertThat(r.isOk()).as("result %s", v).isTrue();
    return Vals.bytes(r.payload());
  }

  @Test
  void aReadOfFourGibibytesReturnsAtMostOneChunk() {
    byte[] data = new byte[200_000];
    TestWasi w = wasi(data, OutputStream.nullOutputStream());
    Value in = stdin(w);
    byte[] got = okBytes(w.call(S, "[method]input-stream.blocking-read", in, Value.u64(1L << 32)));
    assertThat(got.length).isBetween(1, WasiLimits.DEFAULT.maxReadChunk());
    // u64 max is not a negative length
    byte[] more = okBytes(w.call(S, "[method]input-stream.blocking-read", in, Value.u64(-1L)));
    assertThat(more.length).isBetween(1, WasiLimits.DEFAULT.maxReadChunk());
  }

  @Test
  void endOfInputIsClosedAndSkipCounts() {
    TestWasi w = wasi("abcdef".getBytes(), OutputStream.nullOutputStream());
    Value in = stdin(w);
    assertThat(w.call(S, "[method]input-stream.blocking-skip", in, Value.u64(2)))
        .isEqualTo(Value.ok(Value.u64(2)));
    assertThat(okBytes(w.call(S, "[method]input-stream.blocking-read", in, Value.u64(100))))
        .isEqualTo("cdef".getBytes());
    assertThat(w.call(S, "[method]input-stream.blocking-read", in, Value.u64(1)))
        .isEqualTo(Value.err(Value.variant("closed")));
    assertThat(w.call(S, "[method]input-stream.read", in, Value.u64(1)))
        .isEqualTo(Value.err(Value.variant("closed")));
  }

  @Test
  void writesReachTheJavaStreamAndSpliceCopiesStdinToStdout() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TestWasi w = wasi("piped".getBytes(), out);
    Value o = stdout(w);
    assertThat(w.call(S, "[method]output-stream.check-write", o))
        .isEqualTo(Value.ok(Value.u64(WasiLimits.DEFAULT.maxWriteBudget())));
    assertThat(w.call(S, "[method]output-stream.write", o, Vals.bytes("ab".getBytes())))
        .isEqualTo(Value.ok());
    assertThat(w.call(S, "[method]output-stream.blocking-write-zeroes-and-flush", o, Value.u64(2)))
        .isEqualTo(Value.ok());
    assertThat(w.call(S, "[method]output-stream.blocking-splice", o, stdin(w), Value.u64(100)))
        .isEqualTo(Value.ok(Value.u64(5)));
    assertThat(out.toByteArray()).isEqualTo("ab\0\0piped".getBytes());
  }

  @Test
  void oversizedWritesTrap() {
    TestWasi w = wasi(new byte[0], OutputStream.nullOutputStream());
    Value o = stdout(w);
    assertThatThrownBy(
            () ->
                w.call(
                    S,
                    "[method]output-stream.blocking-write-and-flush",
                    o,
                    Vals.bytes(new byte[4097])))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("4096");
    assertThatThrownBy(
            () -> w.call(S, "[method]output-stream.write-zeroes", o, Value.u64(Long.MAX_VALUE)))
        .isInstanceOf(TrapException.class);
  }

  @Test
  void aFailedWriteIsLastOperationFailedWithAnErrorThenClosed() {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("disk on fire");
          }
        };
    TestWasi w = wasi(new byte[0], broken);
    Value o = stdout(w);
    Value.ResultValue r =
        (Value.ResultValue)
            w.call(S, "[method]output-stream.blocking-write-and-flush", o, Vals.bytes(new byte[3]));
    Value.VariantValue e = (Value.VariantValue) r.payload();
    assertThat(e.caseName()).isEqualTo("last-operation-failed");
    Value.Own err = (Value.Own) e.payload();
    assertThat(
            w.call(
                "wasi:io/error",
                "[method]error.to-debug-string",
                Value.borrow(err.type(), err.rep())))
        .isEqualTo(Value.string("write failed: disk on fire"));
    assertThat(w.call(S, "[method]output-stream.check-write", o))
        .isEqualTo(Value.err(Value.variant("closed")));
  }

  @Test
  void subscribeGivesPollablesThatPollTogether() {
    TestWasi w = wasi("x".getBytes(), OutputStream.nullOutputStream());
    Value.Own p1 = (Value.Own) w.call(S, "[method]input-stream.subscribe", stdin(w));
    Value.Own p2 = (Value.Own) w.call(S, "[method]output-stream.subscribe", stdout(w));
    Value list = Value.list(Value.borrow(p1.type(), p1.rep()), Value.borrow(p2.type(), p2.rep()));
    Value ready = w.call("wasi:io/poll", "poll", list);
    assertThat(((Value.ListValue) ready).elements()).contains(Value.u32(1));
    w.call("wasi:io/poll", "[method]pollable.block", Value.borrow(p1.type(), p1.rep()));
    assertThat(w.call("wasi:io/poll", "[method]pollable.ready", Value.borrow(p1.type(), p1.rep())))
        .isEqualTo(Value.TRUE);
  }

  @Test
  void aHandleOfTheWrongKindTraps() {
    TestWasi w = wasi(new byte[0], OutputStream.nullOutputStream());
    Value o = stdout(w);
    assertThatThrownBy(() -> w.call(S, "[method]input-stream.read", o, Value.u64(1)))
        .isInstanceOf(TrapException.class);
  }

  @Test
  void theResourceLimitTrapsAndDroppingFreesRoom() {
    TestWasi w =
        new TestWasi(
            WasiContext.builder().limits(new WasiLimits(3, 1024, 1024, 1024, 1024)).build());
    Value.Own a = (Value.Own) w.call("wasi:cli/stdout", "get-stdout");
    w.call("wasi:cli/stdout", "get-stdout");
    w.call("wasi:cli/stdout", "get-stdout");
    assertThatThrownBy(() -> w.call("wasi:cli/stdout", "get-stdout"))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("limit");
    ((JavaOutputStream) a.rep()).close(); // what the ABI does when the guest drops it
    assertThat(w.ctx.resources().size()).isEqualTo(2);
    assertThat(w.call("wasi:cli/stdout", "get-stdout")).isInstanceOf(Value.Own.class);
    w.ctx.close();
    assertThat(w.ctx.resources().size()).isZero();
  }
}
