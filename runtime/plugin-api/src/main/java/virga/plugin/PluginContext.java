package virga.plugin;

import io.micrometer.core.instrument.MeterRegistry;

/** What the host hands a plugin at start: its metrics registry and a way to fail a workload. */
public interface PluginContext {
  /** The host's id. */
  String hostId();

  /** Where the plugin registers its meters (exposed by the host as Prometheus metrics). */
  MeterRegistry meterRegistry();

  /** Fails one workload out of band (a lost subscription, a dead backend). */
  WorkloadFailureSink failureSink();
}
