package virga.wasi.random;

import java.util.Random;
import virga.component.TrapException;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.wasi.WasiContext;
import virga.wasi.WasiPackage;
import virga.wasi.host.Vals;

/** {@code wasi:random}: {@code random}, {@code insecure} and {@code insecure-seed}. */
public final class WasiRandom implements WasiPackage {
  @Override
  public String id() {
    return "wasi:random";
  }

  @Override
  public void addTo(HostBinder binder, WasiContext ctx) {
    long max = ctx.limits().maxRandomBytes();
    Random secure = ctx.secureRandom();
    Random insecure = ctx.insecureRandom();
    binder
        .iface("wasi:random/random")
        .func("get-random-bytes", a -> bytes(secure, Vals.u64(a[0]), max))
        .func("get-random-u64", a -> Value.u64(secure.nextLong()));
    binder
        .iface("wasi:random/insecure")
        .func("get-insecure-random-bytes", a -> bytes(insecure, Vals.u64(a[0]), max))
        .func("get-insecure-random-u64", a -> Value.u64(insecure.nextLong()));
    long[] seed = ctx.insecureSeed();
    binder
        .iface("wasi:random/insecure-seed")
        .func("insecure-seed", a -> Value.tuple(Value.u64(seed[0]), Value.u64(seed[1])));
  }

  private static Value bytes(Random r, long len, long max) {
    if (Long.compareUnsigned(len, max) > 0) {
      throw new TrapException(
          "wasi:random: "
              + Long.toUnsignedString(len)
              + " random bytes requested; the limit is "
              + max);
    }
    byte[] b = new byte[(int) len];
    synchronized (r) {
      r.nextBytes(b);
    }
    return Vals.bytes(b);
  }
}
