package virga.host.workload;

import java.util.ArrayList;
import java.util.List;
import virga.component.Component;
import virga.wasi.Wasi;
import virga.wasi.WasiPackage;

/**
 * The WASI packages to link for a component: those whose namespace it imports (linking all of them
 * into every instance would cost time per instance for nothing), plus {@code wasi:io} and {@code
 * wasi:http} when the host calls its {@code wasi:http/incoming-handler} (the request and response
 * resources come from them), as {@link virga.wasi.http.IncomingHandlerRunner} does.
 */
final class WasiPackages {
  private WasiPackages() {}

  static List<WasiPackage> forComponent(Component component, boolean httpHandler) {
    List<WasiPackage> out = new ArrayList<>();
    for (WasiPackage p : Wasi.packages()) {
      String prefix = p.id() + "/";
      boolean used = httpHandler && (p.id().equals("wasi:io") || p.id().equals("wasi:http"));
      for (String imp : component.imports().keySet()) {
        used |= imp.startsWith(prefix);
      }
      if (used) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  /** The name of the component's {@code wasi:http/incoming-handler@0.2.x} export, or null. */
  static String httpHandlerExport(Component component) {
    for (String name : component.exports().keySet()) {
      if (name.startsWith("wasi:http/incoming-handler@0.2.")) {
        return name;
      }
    }
    return null;
  }
}
