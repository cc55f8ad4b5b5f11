package virga.host.workload;

import java.util.List;
import virga.component.Component;

/**
 * wasmCloud's export rule for a service: it exports {@code wasi:cli/run} (a command, run by the
 * supervisor), or exactly one interface (called by plugins).
 */
public final class ServiceExports {
  private ServiceExports() {}

  /** The {@code wasi:cli/run@...} export of {@code service}, or null when it has none. */
  public static String runExport(Component service) {
    for (String name : service.exports().keySet()) {
      if (name.startsWith("wasi:cli/run@")) {
        return name;
      }
    }
    return null;
  }

  /**
   * Checks the rule.
   *
   * @throws WorkloadException naming what the service exports when it breaks the rule
   */
  public static void check(Component service) {
    if (runExport(service) != null) {
      return;
    }
    List<String> exports = List.copyOf(service.exports().keySet());
    if (exports.size() == 1 && !ComponentWorlds.interfaceNames(exports).isEmpty()) {
      return;
    }
    throw new WorkloadException(
        "service must export wasi:cli/run or exactly one interface; it exports: "
            + (exports.isEmpty() ? "nothing" : String.join(", ", exports)));
  }
}
