package virga.plugin.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import virga.plugin.HostBindings;
import virga.plugin.WitWorld;
import virga.plugin.WorkloadItem;

/**
 * A workload item for plugin unit tests: editable config and environment (as a ConfigMap edit would
 * change them), and bindings that keep each implementation so the test calls it directly — or that
 * forward to real bindings such as {@code TypedBindings}.
 */
public final class TestItem implements WorkloadItem {
  private final String workloadId;
  private final String name;
  private final Kind kind;
  private final WitWorld world;
  private final Map<String, String> config = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final Map<String, Object> implementations = new LinkedHashMap<>();
  private final HostBindings bindings;
  private int registrations;

  private TestItem(String workloadId, String name, Kind kind, WitWorld world, HostBindings target) {
    this.workloadId = Objects.requireNonNull(workloadId, "workloadId");
    this.name = Objects.requireNonNull(name, "name");
    this.kind = kind;
    this.world = world;
    this.bindings =
        (iface, impl) -> {
          registrations++;
          implementations.put(iface, impl);
          if (target != null) {
            target.implement(iface, impl);
          }
        };
  }

  /**
   * Component {@code name} of workload {@code workloadId} (named {@code shop}, namespace default).
   */
  public static TestItem component(String workloadId, String name, WitWorld world) {
    return new TestItem(workloadId, name, Kind.COMPONENT, world, null);
  }

  /** The service of workload {@code workloadId}. */
  public static TestItem service(String workloadId, WitWorld world) {
    return new TestItem(workloadId, "service", Kind.SERVICE, world, null);
  }

  /** A copy whose registrations also go to {@code target} (e.g. real typed bindings). */
  public TestItem forwardingTo(HostBindings target) {
    return new TestItem(workloadId, name, kind, world, target);
  }

  /** The implementation the plugin registered for {@code iface}, or null. */
  public Object implementation(String iface) {
    return implementations.get(iface);
  }

  /** How many times a plugin called {@link HostBindings#implement} on this item. */
  public int registrations() {
    return registrations;
  }

  /** Sets a {@code localResources.config} entry; returns this. */
  public TestItem config(String key, String value) {
    config.put(key, value);
    return this;
  }

  /** Sets an environment entry; returns this. */
  public TestItem env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  @Override
  public String workloadId() {
    return workloadId;
  }

  @Override
  public String workloadName() {
    return "shop";
  }

  @Override
  public String workloadNamespace() {
    return "default";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public WitWorld world() {
    return world;
  }

  @Override
  public Map<String, String> config() {
    return config;
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public HostBindings bindings() {
    return bindings;
  }
}
