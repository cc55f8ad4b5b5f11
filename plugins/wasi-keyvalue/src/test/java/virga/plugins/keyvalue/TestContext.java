package virga.plugins.keyvalue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import virga.plugin.PluginContext;
import virga.plugin.WorkloadFailureSink;

/** A {@link PluginContext} with given settings and no shared connection. */
record TestContext(Map<String, String> settings, MeterRegistry meterRegistry)
    implements PluginContext {
  TestContext(Map<String, String> settings) {
    this(settings, new SimpleMeterRegistry());
  }

  @Override
  public String hostId() {
    return "test-host";
  }

  @Override
  public WorkloadFailureSink failureSink() {
    return (workloadId, reason) -> {};
  }

  @Override
  public <T> Optional<T> shared(Class<T> type) {
    return Optional.empty();
  }
}
