package virga.wasi.sockets;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import virga.wasi.NetworkPolicy;
import virga.wasi.WasiContext;

/**
 * The sockets state of one instance: the policy and who is calling, the open-socket count (against
 * {@code maxSockets}), and which names {@code ip-name-lookup} resolved to which addresses (so
 * host-name allow lists apply to connects to resolved addresses).
 */
final class SocketsContext {
  private static final int MAX_REMEMBERED_ADDRESSES = 4096;

  final WasiContext ctx;
  final NetworkPolicy policy;
  final NetworkPolicy.Caller caller;
  final int maxSockets;
  final long lookupTimeoutNanos;
  private int openSockets;
  private final Map<InetAddress, Set<String>> names = new LinkedHashMap<>();

  SocketsContext(WasiContext ctx, int maxSockets, long lookupTimeoutNanos) {
    this.ctx = ctx;
    this.policy = ctx.networkPolicy();
    this.caller = ctx.caller();
    this.maxSockets = maxSockets;
    this.lookupTimeoutNanos = lookupTimeoutNanos;
  }

  /** Asks the policy; denied becomes {@code access-denied}. Returns the address to use. */
  InetSocketAddress check(NetworkPolicy.Use use, InetSocketAddress address) {
    NetworkPolicy.Decision d;
    try {
      d = policy.decide(new NetworkPolicy.Request(caller, use, address, namesOf(address)));
    } catch (RuntimeException e) {
      throw new SocketError(ErrorCode.ACCESS_DENIED, "network policy failed", e);
    }
    if (d == null || !d.allowed()) {
      throw new SocketError(
          ErrorCode.ACCESS_DENIED, d == null ? use + " " + address + " denied" : d.reason());
    }
    return d.address();
  }

  /** The address the guest sees for {@code actual} (the policy may undo its rewrite). */
  InetSocketAddress shown(InetSocketAddress actual) {
    if (actual == null) {
      return null;
    }
    try {
      InetSocketAddress a = policy.guestAddress(caller, actual);
      return a == null ? actual : a;
    } catch (RuntimeException e) {
      return actual;
    }
  }

  /** Tells the policy a socket now holds {@code actual}; a failing policy is ignored. */
  void bound(NetworkPolicy.Use use, InetSocketAddress actual) {
    try {
      policy.socketBound(caller, use, actual);
    } catch (RuntimeException e) {
      // the socket works regardless; the policy only loses track of it
    }
  }

  /** Tells the policy a socket reported to {@link #bound} is closed. */
  void released(NetworkPolicy.Use use, InetSocketAddress actual) {
    try {
      policy.socketReleased(caller, use, actual);
    } catch (RuntimeException e) {
      // as above
    }
  }

  /** The policy's own answer for a reserved name, or null (a failing policy answers nothing). */
  java.util.List<InetAddress> reservedName(String name) {
    try {
      return policy.reservedName(caller, name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  boolean allowsLookup(String name) {
    try {
      return policy.allowsNameLookup(caller, name);
    } catch (RuntimeException e) {
      return false;
    }
  }

  synchronized void noteResolved(String name, InetAddress address) {
    Set<String> s = names.get(address);
    if (s == null) {
      if (names.size() >= MAX_REMEMBERED_ADDRESSES) {
        InetAddress eldest = names.keySet().iterator().next();
        names.remove(eldest);
      }
      s = new LinkedHashSet<>();
      names.put(address, s);
    }
    if (s.size() < 16) {
      s.add(name);
    }
  }

  synchronized Set<String> namesOf(InetSocketAddress address) {
    Set<String> s = names.get(address.getAddress());
    return s == null ? Set.of() : Set.copyOf(s);
  }

  synchronized void openSocket() {
    if (openSockets >= maxSockets) {
      throw new SocketError(
          ErrorCode.NEW_SOCKET_LIMIT, "at most " + maxSockets + " sockets per instance");
    }
    openSockets++;
  }

  synchronized void socketClosed() {
    openSockets--;
  }
}
