package virga.plugins.config;

import java.util.LinkedHashMap;
import java.util.Map;
import virga.plugin.HostBindings;

/** HostBindings that keeps each implementation by interface, for the test to call directly. */
final class RecordingBindings implements HostBindings {
  final Map<String, Object> implementations = new LinkedHashMap<>();

  @Override
  public void implement(String iface, Object implementation) {
    implementations.put(iface, implementation);
  }
}
