package virga.wasi;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Set;

/**
 * The hook {@code wasi:sockets} asks before it binds, connects, sends a datagram or resolves names
 * on behalf of a guest. The default denies everything, as wasmtime does unless the embedder opts
 * in.
 *
 * <p>Simple policies implement {@link #allows(Use, InetSocketAddress)} only. Policies that depend
 * on who is calling (a wasmCloud component or service) or rewrite addresses (the unspecified
 * address to loopback) override {@link #decide(Request)} and {@link #allowsNameLookup(Caller,
 * String)}; {@code wasi:sockets} only ever calls those two, with the {@link WasiContext#caller()}
 * of the instance.
 */
public interface NetworkPolicy {
  /** What the guest wants to do with an address. */
  enum Use {
    TCP_BIND,
    TCP_CONNECT,
    UDP_BIND,
    UDP_CONNECT,
    UDP_SEND
  }

  /**
   * Who is calling: the workload, the item (component or service) in it, and its kind. wasmCloud
   * lets only services listen on TCP.
   */
  record Caller(String workloadId, String itemName, Kind kind) {
    /** What a workload item is. */
    public enum Kind {
      COMPONENT,
      SERVICE
    }

    /** An anonymous component: the default when the embedder says nothing. */
    public static final Caller ANONYMOUS = new Caller("", "", Kind.COMPONENT);

    public Caller {
      Objects.requireNonNull(workloadId, "workloadId");
      Objects.requireNonNull(itemName, "itemName");
      Objects.requireNonNull(kind, "kind");
    }

    /** A component of workload {@code workloadId}. */
    public static Caller component(String workloadId, String itemName) {
      return new Caller(workloadId, itemName, Kind.COMPONENT);
    }

    /** The service of workload {@code workloadId}. */
    public static Caller service(String workloadId, String itemName) {
      return new Caller(workloadId, itemName, Kind.SERVICE);
    }
  }

  /**
   * One question to the policy.
   *
   * @param caller who asks
   * @param use what for
   * @param address the socket address the guest passed
   * @param hostNames the names the guest resolved to this address with {@code ip-name-lookup} in
   *     this instance (empty when it used the address literally), for host-name allow lists
   */
  record Request(Caller caller, Use use, InetSocketAddress address, Set<String> hostNames) {
    public Request {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(use, "use");
      Objects.requireNonNull(address, "address");
      hostNames = Set.copyOf(hostNames);
    }
  }

  /**
   * The answer: allowed (with the address to really use, which a policy may rewrite, e.g. {@code
   * 0.0.0.0} to {@code 127.0.0.1}), or denied with a reason for logs.
   */
  record Decision(boolean allowed, InetSocketAddress address, String reason) {
    /** Allowed, using {@code address}. */
    public static Decision allow(InetSocketAddress address) {
      return new Decision(true, Objects.requireNonNull(address, "address"), "allowed");
    }

    /** Denied. */
    public static Decision deny(String reason) {
      return new Decision(false, null, reason);
    }
  }

  /** Whether the guest may use {@code address} for {@code use}. */
  boolean allows(Use use, InetSocketAddress address);

  /** Whether the guest may resolve host names ({@code ip-name-lookup}). */
  default boolean allowsNameLookup() {
    return false;
  }

  /**
   * Decides {@code request}; the default asks {@link #allows(Use, InetSocketAddress)} and keeps the
   * address.
   */
  default Decision decide(Request request) {
    return allows(request.use(), request.address())
        ? Decision.allow(request.address())
        : Decision.deny(request.use() + " " + request.address() + " denied by policy");
  }

  /**
   * Whether {@code caller} may resolve {@code name}; the default asks {@link #allowsNameLookup()}.
   */
  default boolean allowsNameLookup(Caller caller, String name) {
    return allowsNameLookup();
  }

  /**
   * The address to show the guest for {@code actual}, an address the OS reports for one of its
   * sockets (its local or remote address, a datagram's source): the inverse of a rewrite {@link
   * #decide} made, so that a guest that bound {@code 127.0.0.1} sees {@code 127.0.0.1}. The default
   * shows it unchanged.
   */
  default InetSocketAddress guestAddress(Caller caller, InetSocketAddress actual) {
    return actual;
  }

  /**
   * Told when a socket of {@code caller} holds {@code actual}: for {@link Use#TCP_BIND} when a TCP
   * socket starts listening there, for {@link Use#UDP_BIND} when a UDP socket is bound there; so a
   * policy can send loopback connects to live listeners only. The default ignores it.
   */
  default void socketBound(Caller caller, Use use, InetSocketAddress actual) {}

  /**
   * The addresses of a name the policy answers itself, without DNS and before the lookup allow list
   * (wasmCloud's reserved {@code *.wasmcloud.internal} zone), or null to resolve it normally. The
   * default answers nothing.
   */
  default java.util.List<java.net.InetAddress> reservedName(Caller caller, String name) {
    return null;
  }

  /** Told when a socket reported to {@link #socketBound} is closed. The default ignores it. */
  default void socketReleased(Caller caller, Use use, InetSocketAddress actual) {}

  /** Denies every socket operation and name lookup. */
  NetworkPolicy DENY_ALL = (use, address) -> false;

  /** Allows every socket operation and name lookup. */
  NetworkPolicy ALLOW_ALL =
      new NetworkPolicy() {
        @Override
        public boolean allows(Use use, InetSocketAddress address) {
          return true;
        }

        @Override
        public boolean allowsNameLookup() {
          return true;
        }
      };
}
