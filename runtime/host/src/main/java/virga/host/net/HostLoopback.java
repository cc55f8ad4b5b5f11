package virga.host.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import virga.wasi.NetworkPolicy.Decision;
import virga.wasi.NetworkPolicy.Use;

/**
 * wasmCloud's way out of a workload's private loopback to the machine's: the reserved name {@code
 * host.wasmcloud.internal} resolves (in {@code wasi:sockets} name lookups only) to the sentinel
 * {@value #SENTINEL_TEXT}, and a connect to the sentinel goes to the machine's {@code 127.0.0.1}
 * when the host allows it ({@code --allow-host-loopback}) and the port is one of the workload's
 * {@code allowedHostLoopbackPorts}. {@code service.wasmcloud.internal} is the workload's own
 * loopback ({@code 127.0.0.1}); other names in the zone resolve to nothing.
 *
 * @param hostAllows whether the host runs with {@code --allow-host-loopback}
 * @param ports the workload's {@code allowedHostLoopbackPorts} (TCP and UDP alike)
 */
public record HostLoopback(boolean hostAllows, Set<Integer> ports) {
  static final String SENTINEL_TEXT = "127.255.255.254";
  static final InetAddress SENTINEL = LoopbackAllocator.address(SENTINEL_TEXT);
  private static final InetAddress LOCALHOST = LoopbackAllocator.address("127.0.0.1");
  private static final String ZONE = ".wasmcloud.internal";

  /** No way out: the default. */
  public static final HostLoopback DENIED = new HostLoopback(false, Set.of());

  public HostLoopback {
    ports = Set.copyOf(ports);
  }

  /**
   * Parses {@code allowedHostLoopbackPorts} entries ({@code 6379}, {@code 6379/tcp}); a bad entry
   * fails with a message naming it.
   */
  public static HostLoopback of(boolean hostAllows, List<String> entries) {
    Set<Integer> ports = new java.util.LinkedHashSet<>();
    for (String e : entries) {
      String p = e.trim();
      int slash = p.indexOf('/');
      if (slash >= 0) {
        p = p.substring(0, slash);
      }
      try {
        int port = Integer.parseInt(p);
        if (port < 1 || port > 65535) {
          throw new NumberFormatException();
        }
        ports.add(port);
      } catch (NumberFormatException x) {
        throw new IllegalArgumentException(
            "allowedHostLoopbackPorts entry '"
                + e
                + "' is not a port (1-65535, optionally /tcp or /udp)");
      }
    }
    return new HostLoopback(hostAllows, ports);
  }

  /** The addresses of a name in the reserved zone, or null for any other name. */
  static List<InetAddress> reservedName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".")) {
      n = n.substring(0, n.length() - 1);
    }
    if (!n.endsWith(ZONE)) {
      return null;
    }
    return switch (n) {
      case "host.wasmcloud.internal" -> List.of(SENTINEL);
      case "service.wasmcloud.internal" -> List.of(LOCALHOST);
      default -> List.of();
    };
  }

  /** The decision for a connect or datagram to the sentinel's {@code port}. */
  Decision decide(Use use, int port) {
    if (!hostAllows) {
      return Decision.deny(
          "host.wasmcloud.internal is closed: the host runs without --allow-host-loopback");
    }
    if (!ports.contains(port)) {
      return Decision.deny(
          "port "
              + port
              + " of host.wasmcloud.internal is not in allowedHostLoopbackPorts "
              + ports);
    }
    return Decision.allow(new InetSocketAddress(LOCALHOST, port));
  }
}
