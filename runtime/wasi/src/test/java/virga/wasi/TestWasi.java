package virga.wasi;

import virga.component.Linker;
import virga.component.values.Value;
import virga.component.wit.HostBinder;

/** A context linked into a throwaway linker, with its host functions callable directly. */
public final class TestWasi {
  public final WasiContext ctx;
  public final HostBinder binder;

  public TestWasi(WasiContext ctx) {
    this.ctx = ctx;
    this.binder = Wasi.addToLinker(new Linker(), ctx);
  }

  /** Calls {@code iface#func} (unversioned interface name) with {@code args}. */
  public Value call(String iface, String func, Value... args) {
    return binder.function(iface, func).call(args);
  }
}
