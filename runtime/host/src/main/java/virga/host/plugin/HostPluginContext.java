package virga.host.plugin;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import virga.plugin.PluginContext;
import virga.plugin.WorkloadFailureSink;

/**
 * The {@link PluginContext} the host hands every plugin at start; {@code shared} holds the
 * connections the host offers plugins, by type (the data-plane NATS connection).
 */
public record HostPluginContext(
    String hostId,
    MeterRegistry meterRegistry,
    WorkloadFailureSink failureSink,
    Map<Class<?>, Object> sharedByType)
    implements PluginContext {
  public HostPluginContext {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(meterRegistry, "meterRegistry");
    Objects.requireNonNull(failureSink, "failureSink");
    sharedByType = Map.copyOf(sharedByType);
  }

  /** A context sharing nothing. */
  public HostPluginContext(
      String hostId, MeterRegistry meterRegistry, WorkloadFailureSink failureSink) {
    this(hostId, meterRegistry, failureSink, Map.of());
  }

  @Override
  public <T> Optional<T> shared(Class<T> type) {
    return Optional.ofNullable(sharedByType.get(type)).map(type::cast);
  }
}
