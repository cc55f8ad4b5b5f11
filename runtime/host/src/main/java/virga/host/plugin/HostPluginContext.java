package virga.host.plugin;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import virga.plugin.PluginContext;
import virga.plugin.WorkloadFailureSink;

/** The {@link PluginContext} the host hands every plugin at start. */
public record HostPluginContext(
    String hostId, MeterRegistry meterRegistry, WorkloadFailureSink failureSink)
    implements PluginContext {
  public HostPluginContext {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    Objects.requireNonNull(failureSink, "failureSink");
  }
}
