package virga.plugin.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import virga.plugin.PluginContext;
import virga.plugin.WorkloadFailureSink;

/**
 * A {@link PluginContext} for plugin unit tests: host {@code test-host}, a fresh in-memory meter
 * registry, the settings and shared connections the test gives, and the workload failures the
 * plugin reported, kept for the test to read.
 */
public final class TestPluginContext implements PluginContext {
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private final Map<String, String> settings;
  private final Map<Class<?>, Object> shared = new HashMap<>();
  private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

  /** A context with no settings. */
  public TestPluginContext() {
    this(Map.of());
  }

  /** A context with these host-level settings (what {@code --plugin-config} would give). */
  public TestPluginContext(Map<String, String> settings) {
    this.settings = Map.copyOf(settings);
  }

  /** Offers {@code value} as the host's shared {@code type} (e.g. a NATS connection). */
  public <T> TestPluginContext share(Class<T> type, T value) {
    shared.put(type, value);
    return this;
  }

  @Override
  public String hostId() {
    return "test-host";
  }

  @Override
  public MeterRegistry meterRegistry() {
    return meters;
  }

  @Override
  public WorkloadFailureSink failureSink() {
    return (workloadId, reason) -> failures.add(workloadId + ": " + reason);
  }

  @Override
  public Map<String, String> settings() {
    return settings;
  }

  @Override
  public <T> Optional<T> shared(Class<T> type) {
    return Optional.ofNullable(shared.get(type)).map(type::cast);
  }

  /** The failures reported through {@link #failureSink()}, as {@code workloadId: reason}. */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  /** The count of counter {@code meter} with tag {@code tag=value}; 0 when it was never made. */
  public double count(String meter, String tag, String value) {
    var c = meters.find(meter).tag(tag, value).counter();
    return c == null ? 0 : c.count();
  }
}
