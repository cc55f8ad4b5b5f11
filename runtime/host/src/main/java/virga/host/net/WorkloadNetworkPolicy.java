package virga.host.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import virga.wasi.NetworkPolicy;

/**
 * The network policy of one workload: its own virtual loopback on top of the socket rules (usually
 * {@link virga.wasi.sockets.WasmCloudNetworkPolicy}). Every instance of the workload's components
 * and service shares one.
 *
 * <p>The workload's loopback is a real address of 127.0.0.0/8 from a {@link LoopbackAllocator}:
 *
 * <ul>
 *   <li>Binds go through the rules first (only services bind TCP, on loopback only; the unspecified
 *       address becomes loopback); an allowed bind to {@code 127.0.0.1:P} then lands on {@code
 *       <workload address>:P}, so two workloads can both listen on port P. A bind to any other
 *       127.x address is refused.
 *   <li>A connect or datagram to {@code 127.0.0.1:P} goes to {@code <workload address>:P} without
 *       consulting {@code allowedHosts} (as in wasmCloud), but only while a socket of this workload
 *       listens there (TCP) or is bound there (UDP); otherwise it is refused. That is what keeps a
 *       listener of the machine on the wildcard address, which accepts on every 127.x address, out
 *       of reach. Any other 127.x address is refused: another workload's loopback is never
 *       reachable.
 *   <li>IPv6 loopback ({@code ::1}, and {@code ::} which the rules turn into it) is refused for
 *       binds and connects: ::1 is a single address that cannot be split per workload, and it would
 *       reach the machine's own services. Guests use 127.0.0.1.
 *   <li>Everything else (connects to other hosts, name lookups) is the rules' decision.
 * </ul>
 *
 * <p>The guest sees {@code 127.0.0.1} wherever the OS reports the workload's address ({@code
 * local-address}, {@code remote-address}, a datagram's source). It learns of listening and bound
 * sockets from {@code wasi:sockets} ({@link #socketBound}, {@link #socketReleased}).
 *
 * <p>A denial reaches the guest as {@code access-denied}, also where wasmCloud's in-memory loopback
 * would answer {@code connection-refused} (nothing listening yet).
 */
public final class WorkloadNetworkPolicy implements NetworkPolicy {
  private static final InetAddress LOCALHOST = LoopbackAllocator.address("127.0.0.1");

  private final Inet4Address loopback;
  private final NetworkPolicy rules;
  private final HostLoopback hostLoopback;
  private final Map<Integer, Integer> tcpListeners = new ConcurrentHashMap<>(); // port -> sockets
  private final Map<Integer, Integer> udpBound = new ConcurrentHashMap<>();

  /** The policy of a workload whose loopback is {@code loopback}, on top of {@code rules}. */
  public WorkloadNetworkPolicy(Inet4Address loopback, NetworkPolicy rules) {
    this(loopback, rules, HostLoopback.DENIED);
  }

  /**
   * As above, with {@code hostLoopback} saying which ports of the machine's loopback the workload
   * reaches through {@code host.wasmcloud.internal}.
   */
  public WorkloadNetworkPolicy(
      Inet4Address loopback, NetworkPolicy rules, HostLoopback hostLoopback) {
    this.loopback = Objects.requireNonNull(loopback, "loopback");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.hostLoopback = Objects.requireNonNull(hostLoopback, "hostLoopback");
    if (!loopback.isLoopbackAddress() || loopback.equals(LOCALHOST)) {
      throw new IllegalArgumentException(
          "a workload's loopback must be an address of 127.0.0.0/8 other than 127.0.0.1, not "
              + loopback.getHostAddress());
    }
  }

  /** The workload's loopback address. */
  public Inet4Address loopback() {
    return loopback;
  }

  /** The ports on which a TCP socket of this workload listens now. */
  public Set<Integer> tcpListeners() {
    return Set.copyOf(tcpListeners.keySet());
  }

  /** The ports to which a UDP socket of this workload is bound now. */
  public Set<Integer> udpBound() {
    return Set.copyOf(udpBound.keySet());
  }

  @Override
  public boolean allows(Use use, InetSocketAddress address) {
    return decide(new Request(Caller.ANONYMOUS, use, address, Set.of())).allowed();
  }

  @Override
  public boolean allowsNameLookup() {
    return rules.allowsNameLookup();
  }

  @Override
  public boolean allowsNameLookup(Caller caller, String name) {
    return rules.allowsNameLookup(caller, name);
  }

  @Override
  public Decision decide(Request r) {
    return switch (r.use()) {
      case TCP_BIND, UDP_BIND -> bind(r);
      case TCP_CONNECT, UDP_CONNECT, UDP_SEND -> connect(r);
    };
  }

  private Decision bind(Request r) {
    Decision d = rules.decide(r);
    if (d == null || !d.allowed()) {
      return d;
    }
    InetAddress ip = d.address().getAddress();
    if (isOurs(ip)) {
      return Decision.allow(new InetSocketAddress(loopback, d.address().getPort()));
    }
    if (ip instanceof Inet6Address && ip.isLoopbackAddress()) {
      return Decision.deny(ipv6(r.use()));
    }
    if (ip.isLoopbackAddress()) {
      return Decision.deny(notOurs(ip));
    }
    return d; // rules that allow binding elsewhere: not the loopback's business
  }

  @Override
  public java.util.List<InetAddress> reservedName(Caller caller, String name) {
    return HostLoopback.reservedName(name);
  }

  private Decision connect(Request r) {
    InetAddress ip = r.address().getAddress();
    int port = r.address().getPort();
    if (ip.equals(HostLoopback.SENTINEL)) {
      return hostLoopback.decide(r.use(), port);
    }
    if (isOurs(ip)) {
      boolean tcp = r.use() == Use.TCP_CONNECT;
      if ((tcp ? tcpListeners : udpBound).containsKey(port)) {
        return Decision.allow(new InetSocketAddress(loopback, port));
      }
      String nothing =
          tcp
              ? "no TCP socket of this workload listens on"
              : "no UDP socket of this workload is bound to";
      return Decision.deny(
          nothing
              + " 127.0.0.1:"
              + port
              + " (the machine's loopback is not reachable from a workload)");
    }
    if (ip instanceof Inet6Address && ip.isLoopbackAddress()) {
      return Decision.deny(ipv6(r.use()));
    }
    if (ip.isLoopbackAddress()) {
      return Decision.deny(notOurs(ip));
    }
    return rules.decide(r);
  }

  private boolean isOurs(InetAddress ip) {
    return ip instanceof Inet4Address && (ip.equals(LOCALHOST) || ip.equals(loopback));
  }

  private static String notOurs(InetAddress ip) {
    return "loopback address "
        + ip.getHostAddress()
        + " is not this workload's (use 127.0.0.1, the workload's own loopback)";
  }

  private static String ipv6(Use use) {
    return use
        + " on the IPv6 loopback is not supported: each workload has a loopback of its own on"
        + " IPv4 only; use 127.0.0.1";
  }

  @Override
  public InetSocketAddress guestAddress(Caller caller, InetSocketAddress actual) {
    return loopback.equals(actual.getAddress())
        ? new InetSocketAddress(LOCALHOST, actual.getPort())
        : actual;
  }

  @Override
  public void socketBound(Caller caller, Use use, InetSocketAddress actual) {
    Map<Integer, Integer> ports = portsOf(use, actual);
    if (ports != null) {
      ports.merge(actual.getPort(), 1, Integer::sum);
    }
  }

  @Override
  public void socketReleased(Caller caller, Use use, InetSocketAddress actual) {
    Map<Integer, Integer> ports = portsOf(use, actual);
    if (ports != null) {
      ports.computeIfPresent(actual.getPort(), (p, n) -> n > 1 ? n - 1 : null);
    }
  }

  private Map<Integer, Integer> portsOf(Use use, InetSocketAddress actual) {
    if (!loopback.equals(actual.getAddress())) {
      return null;
    }
    return switch (use) {
      case TCP_BIND -> tcpListeners;
      case UDP_BIND -> udpBound;
      default -> null;
    };
  }
}
