package virga.wasi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import virga.component.Linker;
import virga.component.wit.HostBinder;
import virga.component.wit.WitTypes;
import virga.wasi.cli.WasiCli;
import virga.wasi.clocks.WasiClocks;
import virga.wasi.io.WasiIo;
import virga.wasi.random.WasiRandom;

/**
 * The single entry point, like wasmtime's {@code add_to_linker}: {@code Wasi.addToLinker(linker,
 * ctx)} registers every WASI interface at version {@value #VERSION}, which the linker's semver
 * matching also serves to guests importing 0.2.0 through {@value #VERSION}.
 */
public final class Wasi {
  /** The WASI version registered. */
  public static final String VERSION = "0.2.12";

  private static final List<String> WIT_FILES =
      List.of("io", "clocks", "random", "cli", "filesystem", "sockets", "http").stream()
          .map(p -> "/wit/wasi-" + p + "@" + VERSION + ".wit")
          .toList();

  private Wasi() {}

  /** The vendored WASI {@value #VERSION} WIT, parsed and resolved once per JVM. */
  public static WitTypes types() {
    return Types.INSTANCE;
  }

  /**
   * The packages {@link #addToLinker} registers: io, clocks, random and cli, then those found with
   * {@link ServiceLoader} (a later package with the same id replaces an earlier one).
   */
  public static List<WasiPackage> packages() {
    Map<String, WasiPackage> byId = new LinkedHashMap<>();
    for (WasiPackage p : List.of(new WasiIo(), new WasiClocks(), new WasiRandom(), new WasiCli())) {
      byId.put(p.id(), p);
    }
    for (WasiPackage p : ServiceLoader.load(WasiPackage.class, Wasi.class.getClassLoader())) {
      byId.put(p.id(), p);
    }
    return new ArrayList<>(byId.values());
  }

  /** Registers every WASI package on {@code linker} for the instance whose state is {@code ctx}. */
  public static HostBinder addToLinker(Linker linker, WasiContext ctx) {
    return addToLinker(linker, ctx, packages());
  }

  /** Registers {@code packages} only. */
  public static HostBinder addToLinker(Linker linker, WasiContext ctx, List<WasiPackage> packages) {
    HostBinder binder = new HostBinder(linker, types());
    binder.batch(
        () -> {
          for (WasiPackage p : packages) {
            p.addTo(binder, ctx);
          }
        });
    return binder;
  }

  /** Lazy holder: parsing the WIT costs a few milliseconds, once. */
  private static final class Types {
    static final WitTypes INSTANCE = WitTypes.fromResources(Wasi.class, WIT_FILES);
  }
}
