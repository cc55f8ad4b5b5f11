package virga.host.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import virga.component.values.Value;
import virga.host.plugin.BoundPlugins;
import virga.host.service.ServiceStatus;
import virga.host.service.ServiceSupervisor;
import virga.plugin.ResolvedWorkload;
import virga.plugin.WitInterface;
import virga.plugin.WorkloadItem;

/**
 * A workload whose items are all linked: what plugins call ({@link ResolvedWorkload}), what the
 * ingress routes to ({@link #httpEndpoints()}), and its service's status.
 */
public final class RunningWorkload implements ResolvedWorkload {
  private static final WitInterface HTTP = WitInterface.parse("wasi:http/incoming-handler");

  private final WorkloadDescriptor descriptor;
  private final Map<String, RunningItem> components;
  private final ServiceRunner serviceRunner;
  private final BoundPlugins plugins;
  private volatile ServiceSupervisor supervisor;

  RunningWorkload(
      WorkloadDescriptor descriptor,
      Map<String, RunningItem> components,
      ServiceRunner serviceRunner,
      BoundPlugins plugins) {
    this.descriptor = descriptor;
    this.components = Map.copyOf(components);
    this.serviceRunner = serviceRunner;
    this.plugins = plugins;
  }

  @Override
  public String id() {
    return descriptor.id();
  }

  @Override
  public String name() {
    return descriptor.name();
  }

  @Override
  public String namespace() {
    return descriptor.namespace();
  }

  @Override
  public Map<String, String> annotations() {
    return descriptor.annotations();
  }

  @Override
  public List<WitInterface> hostInterfaces() {
    return descriptor.hostInterfaces();
  }

  @Override
  public List<? extends WorkloadItem> items() {
    return descriptor.items();
  }

  /**
   * Calls export {@code function} of item {@code itemName} in an instance from its pool (the
   * service: its pinned instance).
   *
   * @throws WorkloadException when there is no such item
   */
  @Override
  public Value call(String itemName, String function, Value... args) {
    RunningItem item = components.get(itemName);
    if (item != null) {
      return item.call(function, args);
    }
    ItemDescriptor d = descriptor.item(itemName);
    if (d != null && d.kind() == WorkloadItem.Kind.SERVICE && serviceRunner != null) {
      return serviceRunner.call(function, args);
    }
    throw new WorkloadException(
        "workload '" + name() + "' has no item '" + itemName + "' (items: " + itemNames() + ")");
  }

  private String itemNames() {
    List<String> names = new ArrayList<>();
    for (WorkloadItem i : descriptor.items()) {
      names.add(i.name());
    }
    return String.join(", ", names);
  }

  /**
   * The components exporting {@code wasi:http/incoming-handler}, in manifest order, each with the
   * config of the workload's {@code wasi:http} host interface. wasmCloud routes to the first.
   */
  public List<HttpEndpoint> httpEndpoints() {
    Map<String, String> config = httpConfig();
    List<HttpEndpoint> out = new ArrayList<>();
    for (WorkloadItem i : descriptor.items()) {
      RunningItem item = components.get(i.name());
      if (item != null && item.servesHttp()) {
        out.add(new HttpEndpoint(i.name(), item.httpHandler(name()), config));
      }
    }
    return out;
  }

  /** The first of {@link #httpEndpoints()}, if any. */
  public Optional<HttpEndpoint> http() {
    List<HttpEndpoint> all = httpEndpoints();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** The config of the workload's {@code wasi:http} host interface entry (empty when none). */
  public Map<String, String> httpConfig() {
    for (WitInterface w : descriptor.hostInterfaces()) {
      if (w.namespace().equals("wasi")
          && w.packageName().equals("http")
          && (w.interfaces().isEmpty() || w.interfaces().containsAll(HTTP.interfaces()))) {
        return w.config();
      }
    }
    return Map.of();
  }

  /** The service's status, when the workload has a service. */
  public Optional<ServiceStatus> service() {
    ServiceSupervisor s = supervisor;
    return s == null ? Optional.empty() : Optional.of(s.status());
  }

  /** The service's restart budget ({@code maxRestarts}); 0 without a service. */
  public int maxRestarts() {
    ServiceSupervisor s = supervisor;
    return s == null ? 0 : s.policy().maxRestarts();
  }

  void supervisor(ServiceSupervisor s) {
    supervisor = s;
  }

  WorkloadDescriptor descriptor() {
    return descriptor;
  }

  BoundPlugins plugins() {
    return plugins;
  }

  Map<String, RunningItem> components() {
    return components;
  }
}
