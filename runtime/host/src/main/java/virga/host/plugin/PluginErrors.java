package virga.host.plugin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where plugin failures that must not stop the host go (stop, unbind, a failed cleanup): logged,
 * counted here and, once a registry is attached, as the counter {@code virga.plugin.errors} tagged
 * {@code plugin} and {@code phase}.
 */
public final class PluginErrors {
  private static final Logger LOG = LoggerFactory.getLogger(PluginErrors.class);

  private final AtomicLong count = new AtomicLong();
  private volatile MeterRegistry registry;

  /** Counts into {@code meterRegistry} from now on (the host's registry, known at start). */
  public void attach(MeterRegistry meterRegistry) {
    this.registry = meterRegistry;
  }

  /** Logs and counts that plugin {@code pluginId} failed in {@code phase} (e.g. {@code stop}). */
  public void record(String pluginId, String phase, String what, Throwable error) {
    count.incrementAndGet();
    LOG.warn("plugin '{}' failed to {}; continuing", pluginId, what, error);
    MeterRegistry r = registry;
    if (r != null) {
      Counter.builder("virga.plugin.errors")
          .description("Failures of host plugins that did not stop the host")
          .tag("plugin", pluginId)
          .tag("phase", phase)
          .register(r)
          .increment();
    }
  }

  /** How many failures were recorded. */
  public long count() {
    return count.get();
  }
}
