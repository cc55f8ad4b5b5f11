package virga.wasi.io;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import virga.component.TrapException;
import virga.component.types.ResourceType;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.wasi.WasiContext;
import virga.wasi.WasiPackage;
import virga.wasi.host.ResourceTable;
import virga.wasi.host.Vals;

/**
 * {@code wasi:io}: {@code error}, {@code poll} (real waiting on several pollables at once through
 * {@link Poller}) and {@code streams} over {@link HostInputStream}/{@link HostOutputStream}. Reads
 * are bounded by {@code WasiLimits.maxReadChunk} whatever length the guest asks for; the blocking
 * writes accept at most 4096 bytes, as the WIT requires, and trap beyond.
 */
public final class WasiIo implements WasiPackage {
  /** The most bytes {@code blocking-write-and-flush} and its zeroes variant accept. */
  public static final int BLOCKING_WRITE_MAX = 4096;

  @Override
  public String id() {
    return "wasi:io";
  }

  @Override
  public void addTo(HostBinder binder, WasiContext ctx) {
    ResourceTable table = ctx.resources();
    binder
        .iface("wasi:io/error")
        .func(
            "[method]error.to-debug-string",
            a -> Value.string(Vals.rep(a[0], IoError.class).debugString()));

    binder
        .iface("wasi:io/poll")
        .func("[method]pollable.ready", a -> Value.bool(pollable(a[0]).isReady()))
        .func(
            "[method]pollable.block",
            a -> {
              Poller.poll(List.of(pollable(a[0])), ctx.monotonicClock()::now);
              return null;
            })
        .func(
            "poll",
            a -> {
              List<Value> in = ((Value.ListValue) a[0]).elements();
              List<Readiness> rs = new ArrayList<>(in.size());
              for (Value v : in) {
                rs.add(pollable(v));
              }
              List<Value> out = new ArrayList<>();
              for (int i : Poller.poll(rs, ctx.monotonicClock()::now)) {
                out.add(Value.u32(i));
              }
              return Value.list(out);
            });

    HostBinder.Interface streams = binder.iface("wasi:io/streams");
    Streams s = new Streams(ctx, table, streams.resource("error"), streams.resource("pollable"));
    s.bind(streams);
  }

  private static Readiness pollable(Value v) {
    return Vals.rep(v, Pollable.class).readiness();
  }

  /** The streams interface, bound to one context. */
  private static final class Streams {
    private final WasiContext ctx;
    private final ResourceTable table;
    private final ResourceType errorType;
    private final ResourceType pollableType;

    Streams(
        WasiContext ctx, ResourceTable table, ResourceType errorType, ResourceType pollableType) {
      this.ctx = ctx;
      this.table = table;
      this.errorType = errorType;
      this.pollableType = pollableType;
    }

    void bind(HostBinder.Interface i) {
      int chunk = ctx.limits().maxReadChunk();
      i.func("[method]input-stream.read", a -> result(() -> Vals.bytes(in(a).read(len(a, chunk)))))
          .func(
              "[method]input-stream.blocking-read",
              a -> result(() -> Vals.bytes(blockingRead(in(a), len(a, chunk)))))
          .func(
              "[method]input-stream.skip",
              a -> result(() -> Value.u64(in(a).read(len(a, chunk)).length)))
          .func(
              "[method]input-stream.blocking-skip",
              a -> result(() -> Value.u64(blockingRead(in(a), len(a, chunk)).length)))
          .func("[method]input-stream.subscribe", a -> subscribe(in(a).readiness()))
          .func(
              "[method]output-stream.check-write",
              a -> result(() -> Value.u64(out(a).checkWrite())))
          .func("[method]output-stream.write", a -> unit(() -> write(out(a), Vals.bytes(a[1]))))
          .func(
              "[method]output-stream.blocking-write-and-flush",
              a -> unit(() -> blockingWriteAndFlush(out(a), Vals.bytes(a[1]))))
          .func("[method]output-stream.flush", a -> unit(() -> out(a).flush()))
          .func("[method]output-stream.blocking-flush", a -> unit(() -> blockingFlush(out(a))))
          .func("[method]output-stream.subscribe", a -> subscribe(out(a).readiness()))
          .func(
              "[method]output-stream.write-zeroes",
              a -> unit(() -> write(out(a), zeroes(a[1], out(a).checkWrite()))))
          .func(
              "[method]output-stream.blocking-write-zeroes-and-flush",
              a -> unit(() -> blockingWriteAndFlush(out(a), zeroes(a[1], BLOCKING_WRITE_MAX))))
          .func(
              "[method]output-stream.splice",
              a -> result(() -> Value.u64(splice(out(a), src(a), Vals.u64(a[2]), false))))
          .func(
              "[method]output-stream.blocking-splice",
              a -> result(() -> Value.u64(splice(out(a), src(a), Vals.u64(a[2]), true))));
    }

    private static HostInputStream in(Value[] a) {
      return Vals.rep(a[0], HostInputStream.class);
    }

    private static HostOutputStream out(Value[] a) {
      return Vals.rep(a[0], HostOutputStream.class);
    }

    private static HostInputStream src(Value[] a) {
      return Vals.rep(a[1], HostInputStream.class);
    }

    private static int len(Value[] a, int chunk) {
      return Vals.clampedLength(a[1], chunk);
    }

    private Value subscribe(Readiness r) {
      return table.own(pollableType, new Pollable(r));
    }

    private void await(Readiness r) {
      Poller.poll(List.of(r), ctx.monotonicClock()::now);
    }

    private byte[] blockingRead(HostInputStream in, int len) {
      while (true) {
        byte[] b = in.read(len);
        if (b.length > 0 || len == 0) {
          return b;
        }
        await(in.readiness());
      }
    }

    private static void write(HostOutputStream out, byte[] bytes) {
      long permit = out.checkWrite();
      if (bytes.length > permit) {
        throw new TrapException(
            "wasi:io/streams: write of " + bytes.length + " bytes exceeds check-write's " + permit);
      }
      out.write(bytes);
    }

    private void blockingWriteAndFlush(HostOutputStream out, byte[] bytes) {
      if (bytes.length > BLOCKING_WRITE_MAX) {
        throw new TrapException(
            "wasi:io/streams: blocking write of "
                + bytes.length
                + " bytes; at most "
                + BLOCKING_WRITE_MAX
                + " allowed");
      }
      int off = 0;
      while (off < bytes.length) {
        long permit = waitForPermit(out);
        int n = (int) Math.min(permit, bytes.length - off);
        byte[] part =
            off == 0 && n == bytes.length
                ? bytes
                : java.util.Arrays.copyOfRange(bytes, off, off + n);
        out.write(part);
        off += n;
      }
      blockingFlush(out);
    }

    private long waitForPermit(HostOutputStream out) {
      while (true) {
        long permit = out.checkWrite();
        if (permit > 0) {
          return permit;
        }
        await(out.readiness());
      }
    }

    private void blockingFlush(HostOutputStream out) {
      out.flush();
      await(out.readiness());
      out.checkWrite(); // surfaces a failed flush
    }

    private static byte[] zeroes(Value len, long max) {
      long n = Vals.u64(len);
      if (Long.compareUnsigned(n, max) > 0 || Long.compareUnsigned(n, Integer.MAX_VALUE - 8) > 0) {
        throw new TrapException(
            "wasi:io/streams: cannot write " + Long.toUnsignedString(n) + " zeroes at once");
      }
      return new byte[(int) n];
    }

    private long splice(HostOutputStream out, HostInputStream in, long len, boolean blocking) {
      long permit = blocking ? waitForPermit(out) : out.checkWrite();
      int n = (int) Math.min(Math.min(permit, ctx.limits().maxReadChunk()), unsignedCap(len));
      if (n == 0) {
        return 0;
      }
      byte[] b = blocking ? blockingRead(in, n) : in.read(n);
      if (b.length > 0) {
        out.write(b);
      }
      return b.length;
    }

    private static long unsignedCap(long len) {
      return len < 0 ? Long.MAX_VALUE : len;
    }

    private Value result(Supplier<Value> op) {
      try {
        return Value.ok(op.get());
      } catch (StreamException e) {
        return Value.err(streamError(e));
      }
    }

    private Value unit(Runnable op) {
      try {
        op.run();
        return Value.ok();
      } catch (StreamException e) {
        return Value.err(streamError(e));
      }
    }

    private Value streamError(StreamException e) {
      if (e.isClosed()) {
        return Value.variant("closed");
      }
      return Value.variant("last-operation-failed", table.own(errorType, e.error()));
    }
  }
}
