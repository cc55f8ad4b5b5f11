package virga.wasi.guest;

import java.util.List;
import virga.component.Linker;
import virga.component.values.Value;
import virga.component.wit.HostBinder;
import virga.wasi.Wasi;
import virga.wasi.WasiPackage;

/**
 * Stand-ins for the WASI packages other modules implement (filesystem, sockets), registered only
 * when no real one is on the class path: adapter-based guests import them even when unused.
 */
final class Unimplemented {
  private Unimplemented() {}

  static void addMissing(Linker linker) {
    List<String> present = Wasi.packages().stream().map(WasiPackage::id).toList();
    HostBinder b = new HostBinder(linker, Wasi.types());
    if (!present.contains("wasi:filesystem")) {
      b.iface("wasi:filesystem/preopens").func("get-directories", a -> Value.list());
      b.iface("wasi:filesystem/types").trapRemaining("no filesystem in this test");
    }
  }
}
