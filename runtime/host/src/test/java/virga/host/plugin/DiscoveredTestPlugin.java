package virga.host.plugin;

import virga.plugin.HostPlugin;
import virga.plugin.WitWorld;

/**
 * Found by ServiceLoader through src/test/resources/META-INF/services; serves an interface no real
 * workload declares, so other tests that discover the class path are not affected by it.
 */
public final class DiscoveredTestPlugin implements HostPlugin {
  /** ServiceLoader's constructor. */
  public DiscoveredTestPlugin() {}

  @Override
  public String id() {
    return "virga-test-discovered";
  }

  @Override
  public WitWorld world() {
    return WitWorld.serving("virga-test:discovered/probe@1.0.0");
  }
}
