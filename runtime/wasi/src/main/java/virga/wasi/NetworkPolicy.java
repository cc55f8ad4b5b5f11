package virga.wasi;

import java.net.InetSocketAddress;

/**
 * The hook {@code wasi:sockets} asks before it binds, connects or resolves names on behalf of a
 * guest. The default denies everything, as wasmtime does unless the embedder opts in.
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

  /** Whether the guest may use {@code address} for {@code use}. */
  boolean allows(Use use, InetSocketAddress address);

  /** Whether the guest may resolve host names ({@code ip-name-lookup}). */
  default boolean allowsNameLookup() {
    return false;
  }

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
