package virga.plugin;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;

/**
 * What the host hands a plugin at start: its metrics registry, a way to fail a workload, the
 * host-level settings given for this plugin, and connections the host shares with plugins.
 */
public interface PluginContext {
  /** The host's id. */
  String hostId();

  /** Where the plugin registers its meters (exposed by the host as Prometheus metrics). */
  MeterRegistry meterRegistry();

  /** Fails one workload out of band (a lost subscription, a dead backend). */
  WorkloadFailureSink failureSink();

  /**
   * The host-level settings for this plugin, keys without the plugin id: {@code bin/host ...
   * --plugin-config wasi-keyvalue.backend=redis} gives {@code wasi-keyvalue} the entry {@code
   * backend=redis}. Per-workload settings come from the workload's interface config instead.
   */
  default Map<String, String> settings() {
    return Map.of();
  }

  /**
   * A connection the host opened and shares with its plugins, by type; empty when the host has
   * none. Hosts offer {@code io.nats.client.Connection}: the data-plane NATS ({@code
   * --data-nats-url} and its TLS and credentials), so that plugins never hold NATS settings of
   * their own. The host closes it after every plugin stopped.
   */
  default <T> Optional<T> shared(Class<T> type) {
    return Optional.empty();
  }
}
