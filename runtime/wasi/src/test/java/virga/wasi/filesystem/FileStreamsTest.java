package virga.wasi.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static virga.wasi.filesystem.FsHarness.borrow;
import static virga.wasi.filesystem.FsHarness.err;
import static virga.wasi.filesystem.FsHarness.flags;
import static virga.wasi.filesystem.FsHarness.ok;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import virga.component.TrapException;
import virga.component.values.Value;
import virga.wasi.Preopen;
import virga.wasi.WasiContext;
import virga.wasi.WasiLimits;
import virga.wasi.host.Vals;

/** read-via-stream, write-via-stream and append-via-stream through wasi:io/streams. */
@Timeout(20)
class FileStreamsTest {
  private static final String S = "wasi:io/streams";

  @TempDir Path dir;

  private static Value bytes(String s) {
    return Vals.bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readStreamStartsAtItsOffsetIsChunkedAndEndsClosed() throws Exception {
    byte[] data = new byte[150_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    Files.write(dir.resolve("f"), data);
    FsHarness fs = new FsHarness(dir, false);
    Value f = fs.open(fs.root, "f", flags(), "read");
    Value in = borrow(ok(fs.m("read-via-stream", f, Value.u64(10))));
    byte[] first =
        Vals.bytes(ok(fs.call(S, "[method]input-stream.blocking-read", in, Value.u64(-1L))));
    assertThat(first).hasSize(WasiLimits.DEFAULT.maxReadChunk());
    assertThat(first[0]).isEqualTo((byte) 10);
    long total = first.length;
    while (true) {
      Value r = fs.call(S, "[method]input-stream.blocking-read", in, Value.u64(1L << 33));
      if (!((Value.ResultValue) r).isOk()) {
        assertThat(((Value.ResultValue) r).payload()).isEqualTo(Value.variant("closed"));
        break;
      }
      total += Vals.bytes(((Value.ResultValue) r).payload()).length;
    }
    assertThat(total).isEqualTo(data.length - 10);
    // a stream starting past the end is closed at once
    Value past = borrow(ok(fs.m("read-via-stream", f, Value.u64(1L << 50))));
    assertThat(fs.call(S, "[method]input-stream.read", past, Value.u64(1)))
        .isEqualTo(Value.err(Value.variant("closed")));
  }

  @Test
  void writeAndAppendStreams() throws Exception {
    Files.writeString(dir.resolve("f"), "0123456789");
    FsHarness fs = new FsHarness(dir, false);
    Value f = fs.open(fs.root, "f", flags(), "read", "write");
    Value out = borrow(ok(fs.m("write-via-stream", f, Value.u64(2))));
    assertThat(fs.call(S, "[method]output-stream.blocking-write-and-flush", out, bytes("ab")))
        .isEqualTo(Value.ok());
    assertThat(fs.call(S, "[method]output-stream.write", out, bytes("cd"))).isEqualTo(Value.ok());
    Value app = borrow(ok(fs.m("append-via-stream", f)));
    assertThat(fs.call(S, "[method]output-stream.blocking-write-and-flush", app, bytes("XY")))
        .isEqualTo(Value.ok());
    assertThat(fs.call(S, "[method]output-stream.blocking-write-and-flush", app, bytes("Z")))
        .isEqualTo(Value.ok());
    assertThat(Files.readString(dir.resolve("f"))).isEqualTo("01abcd6789XYZ");
  }

  @Test
  void writesAreBoundedByCheckWrite() throws Exception {
    FsHarness fs =
        new FsHarness(
            WasiContext.builder()
                .preopen(new Preopen(dir, "/", false))
                .limits(new WasiLimits(1000, 64, 16, 16, 64))
                .build());
    Value f = fs.open(fs.root, "f", flags("create"), "write");
    Value out = borrow(ok(fs.m("write-via-stream", f, Value.u64(0))));
    assertThat(fs.call(S, "[method]output-stream.check-write", out))
        .isEqualTo(Value.ok(Value.u64(16)));
    assertThatThrownBy(
            () -> fs.call(S, "[method]output-stream.write", out, Vals.bytes(new byte[17])))
        .isInstanceOf(TrapException.class);
    assertThat(Files.size(dir.resolve("f"))).isZero();
  }

  @Test
  void aFailedWriteCarriesAFilesystemErrorCode() {
    FsHarness fs = new FsHarness(dir, false);
    Value f = fs.open(fs.root, "f", flags("create"), "write");
    Value out = borrow(ok(fs.m("write-via-stream", f, Value.u64(Long.MAX_VALUE))));
    Value.ResultValue r =
        (Value.ResultValue) fs.call(S, "[method]output-stream.write", out, bytes("x"));
    assertThat(r.isOk()).isFalse();
    Value.VariantValue failed = (Value.VariantValue) r.payload();
    assertThat(failed.caseName()).isEqualTo("last-operation-failed");
    Value error = borrow(failed.payload());
    assertThat(fs.call(FsHarness.T, "filesystem-error-code", error))
        .isEqualTo(Value.some(Value.enumCase("file-too-large")));
    // the stream is closed afterwards
    assertThat(fs.call(S, "[method]output-stream.check-write", out))
        .isEqualTo(Value.err(Value.variant("closed")));
  }

  @Test
  void streamsEndWhenTheirDescriptorIsDropped() throws Exception {
    Files.writeString(dir.resolve("f"), "abc");
    FsHarness fs = new FsHarness(dir, false);
    Value.Own own =
        (Value.Own)
            ok(
                fs.m(
                    "open-at",
                    fs.root,
                    FsHarness.follow(),
                    FsHarness.s("f"),
                    flags(),
                    flags("read", "write")));
    Value f = borrow(own);
    Value in = borrow(ok(fs.m("read-via-stream", f, Value.u64(0))));
    Value out = borrow(ok(fs.m("write-via-stream", f, Value.u64(0))));
    ((Descriptor) own.rep()).close();
    assertThat(fs.call(S, "[method]input-stream.read", in, Value.u64(1)))
        .isEqualTo(Value.err(Value.variant("closed")));
    assertThat(fs.call(S, "[method]output-stream.check-write", out))
        .isEqualTo(Value.err(Value.variant("closed")));
    assertThat(err(fs.m("read", f, Value.u64(1), Value.u64(0)))).isEqualTo("bad-descriptor");
  }
}
