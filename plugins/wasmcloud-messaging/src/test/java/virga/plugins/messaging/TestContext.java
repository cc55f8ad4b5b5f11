package virga.plugins.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import virga.plugin.PluginContext;
import virga.plugin.WorkloadFailureSink;

/** A plugin context with a fresh meter registry, the given settings and shared objects. */
record TestContext(MeterRegistry meterRegistry, Map<String, String> settings, Object shared)
    implements PluginContext {
  TestContext() {
    this(new SimpleMeterRegistry(), Map.of(), null);
  }

  TestContext(Map<String, String> settings) {
    this(new SimpleMeterRegistry(), settings, null);
  }

  @Override
  public String hostId() {
    return "host-1";
  }

  @Override
  public WorkloadFailureSink failureSink() {
    return (workloadId, reason) -> {};
  }

  @Override
  public <T> Optional<T> shared(Class<T> type) {
    return type.isInstance(shared) ? Optional.of(type.cast(shared)) : Optional.empty();
  }

  double count(String meter, String tag, String value) {
    var c = meterRegistry.find(meter).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }
}
