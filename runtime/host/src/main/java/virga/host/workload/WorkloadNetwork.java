package virga.host.workload;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import virga.host.net.HostLoopback;
import virga.host.net.LoopbackAllocator;
import virga.host.net.WorkloadNetworkPolicy;
import virga.protocol.v2.LocalResources;
import virga.wasi.NetworkPolicy;
import virga.wasi.sockets.WasmCloudNetworkPolicy;

/**
 * One workload's network: a loopback address of its own (its virtual 127.0.0.1) and one {@link
 * WorkloadNetworkPolicy} that every item shares, so a component's connect to 127.0.0.1:P finds the
 * service listening there; each item brings its own {@code allowedHosts} and {@code
 * allowedIpNameLookups}. {@link #close()} gives the address back.
 */
final class WorkloadNetwork implements AutoCloseable {
  private final String workloadId;
  private final LoopbackAllocator allocator;
  private final WorkloadNetworkPolicy shared;
  private final Map<String, NetworkPolicy> rulesByItem = new ConcurrentHashMap<>();

  private WorkloadNetwork(
      String workloadId,
      LoopbackAllocator allocator,
      Inet4Address loopback,
      HostLoopback hostLoopback) {
    this.workloadId = workloadId;
    this.allocator = allocator;
    this.shared = new WorkloadNetworkPolicy(loopback, new ByItem(), hostLoopback);
  }

  /**
   * Allocates the loopback of {@code workloadId}; {@code hostLoopback} says which ports of the
   * machine's loopback it reaches through {@code host.wasmcloud.internal}.
   */
  static WorkloadNetwork open(
      String workloadId, LoopbackAllocator allocator, HostLoopback hostLoopback) {
    try {
      return new WorkloadNetwork(
          workloadId, allocator, allocator.allocate(workloadId), hostLoopback);
    } catch (IllegalStateException e) {
      throw new WorkloadException(e.getMessage(), e);
    }
  }

  /** A workload with no way out to the machine's loopback. */
  static WorkloadNetwork open(String workloadId, LoopbackAllocator allocator) {
    return open(workloadId, allocator, HostLoopback.DENIED);
  }

  /**
   * The union of the items' {@code allowedHostLoopbackPorts} (the workload shares one loopback
   * policy), usable only when the host allows it.
   *
   * @throws WorkloadException naming the item with a bad entry
   */
  static HostLoopback hostLoopback(boolean hostAllows, Map<String, LocalResources> byLabel) {
    java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
    for (Map.Entry<String, LocalResources> e : byLabel.entrySet()) {
      try {
        ports.addAll(
            HostLoopback.of(hostAllows, e.getValue().getAllowedHostLoopbackPortsList()).ports());
      } catch (IllegalArgumentException x) {
        throw new WorkloadException(e.getKey() + ": " + x.getMessage(), x);
      }
    }
    return new HostLoopback(hostAllows, ports);
  }

  /** The workload's loopback address. */
  Inet4Address loopback() {
    return shared.loopback();
  }

  /**
   * The policy of item {@code itemName}, with its {@code allowedHosts} and {@code
   * allowedIpNameLookups}.
   *
   * @throws WorkloadException naming the bad entry
   */
  NetworkPolicy policy(String label, NetworkPolicy.Caller caller, LocalResources resources) {
    NetworkPolicy rules;
    try {
      rules =
          new WasmCloudNetworkPolicy(
              resources.getAllowedHostsList(), resources.getAllowedIpNameLookupsList());
    } catch (IllegalArgumentException e) {
      throw new WorkloadException(label + ": " + e.getMessage(), e);
    }
    rulesByItem.put(caller.itemName(), rules);
    return new ItemNetworkPolicy(shared, rules, caller);
  }

  @Override
  public void close() {
    allocator.release(workloadId);
  }

  /** The socket rules of whichever item asks. */
  private final class ByItem implements NetworkPolicy {
    private NetworkPolicy of(Caller caller) {
      NetworkPolicy p = rulesByItem.get(caller.itemName());
      return p != null ? p : NetworkPolicy.DENY_ALL;
    }

    @Override
    public boolean allows(Use use, InetSocketAddress address) {
      return false; // only reached without a caller: nobody to ask
    }

    @Override
    public Decision decide(Request request) {
      return of(request.caller()).decide(request);
    }

    @Override
    public boolean allowsNameLookup(Caller caller, String name) {
      return of(caller).allowsNameLookup(caller, name);
    }
  }
}
