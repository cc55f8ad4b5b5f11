package virga.plugins.logging;

import java.util.List;
import java.util.Set;
import virga.plugin.HostPlugin;
import virga.plugin.Wit;
import virga.plugin.WitInterface;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;

/**
 * Plugin {@code wasi-logging}: serves {@code wasi:logging/logging@0.1.0-draft} by logging to SLF4J
 * (logger {@code virga.guest}, or {@code virga.guest.<context>}); {@code critical} logs at error
 * with marker {@code CRITICAL}. It holds no per-workload state.
 */
public final class WasiLoggingPlugin implements HostPlugin {
  /** The plugin id. */
  public static final String ID = "wasi-logging";

  /** The interface served. */
  public static final String LOGGING = "wasi:logging/logging@0.1.0-draft";

  /** The class-path resource declaring it. */
  static final String WIT = "/wit/wasi-logging-0.1.0-draft/logging.wit";

  private final GuestLoggers loggers = new GuestLoggers();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public WitWorld world() {
    return WitWorld.serving(LOGGING);
  }

  @Override
  public List<String> wit() {
    return List.of(Wit.resource(WasiLoggingPlugin.class, WIT));
  }

  @Override
  public void onWorkloadItemBind(WorkloadItem item, Set<WitInterface> interfaces) {
    item.bindings()
        .implement(
            LOGGING, new GuestLogger(loggers, item.workloadId(), item.workloadName(), item.name()));
  }
}
