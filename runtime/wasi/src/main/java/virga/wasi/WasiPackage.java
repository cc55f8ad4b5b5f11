package virga.wasi;

import virga.component.wit.HostBinder;

/**
 * One WIT package of WASI implemented on the host ({@code wasi:io}, {@code wasi:filesystem}, …).
 * Built-in packages are listed by {@link Wasi}; further ones (filesystem, sockets, http modules)
 * are found with {@link java.util.ServiceLoader} from {@code
 * META-INF/services/virga.wasi.WasiPackage}.
 */
public interface WasiPackage {
  /** The package id without version, e.g. {@code wasi:io}. */
  String id();

  /** Registers this package's interfaces for the instance whose WASI state is {@code ctx}. */
  void addTo(HostBinder binder, WasiContext ctx);
}
