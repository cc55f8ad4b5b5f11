package virga.wasi.clocks;

import java.time.Duration;
import java.time.Instant;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.wasi.WasiContext;
import virga.wasi.WasiPackage;
import virga.wasi.host.Vals;
import virga.wasi.io.Pollable;

/** {@code wasi:clocks}: {@code monotonic-clock} (with timer pollables) and {@code wall-clock}. */
public final class WasiClocks implements WasiPackage {
  @Override
  public String id() {
    return "wasi:clocks";
  }

  @Override
  public void addTo(HostBinder binder, WasiContext ctx) {
    MonotonicClock mono = ctx.monotonicClock();
    HostBinder.Interface m = binder.iface("wasi:clocks/monotonic-clock");
    m.func("now", a -> Value.u64(mono.now()))
        .func("resolution", a -> Value.u64(mono.resolution()))
        .func("subscribe-instant", a -> timer(ctx, m, unsignedInstant(Vals.u64(a[0]))))
        .func("subscribe-duration", a -> timer(ctx, m, saturatingAdd(mono.now(), Vals.u64(a[0]))));

    binder
        .iface("wasi:clocks/wall-clock")
        .func("now", a -> datetime(ctx.wallClock().instant()))
        .func("resolution", a -> datetime(ctx.wallClockResolution()));
  }

  private static Value timer(WasiContext ctx, HostBinder.Interface m, long when) {
    return ctx.resources()
        .own(m.resource("pollable"), new Pollable(new Timer(ctx.monotonicClock(), when)));
  }

  /** Instants are unsigned; ones past {@code Long.MAX_VALUE} never arrive in practice. */
  private static long unsignedInstant(long when) {
    return when < 0 ? Long.MAX_VALUE - 1 : when;
  }

  private static long saturatingAdd(long now, long duration) {
    if (duration < 0) {
      return Long.MAX_VALUE - 1; // more than 292 years: treat as never
    }
    long sum = now + duration;
    return sum < now ? Long.MAX_VALUE - 1 : sum;
  }

  private static Value datetime(Instant t) {
    return Value.record(
        Value.field("seconds", Value.u64(t.getEpochSecond())),
        Value.field("nanoseconds", Value.u32(t.getNano())));
  }

  private static Value datetime(Duration d) {
    return Value.record(
        Value.field("seconds", Value.u64(d.getSeconds())),
        Value.field("nanoseconds", Value.u32(d.getNano())));
  }
}
