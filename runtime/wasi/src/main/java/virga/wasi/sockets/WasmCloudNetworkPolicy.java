package virga.wasi.sockets;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import virga.wasi.NetworkPolicy;
import virga.wasi.sockets.Addresses.Family;

/**
 * wasmCloud v2's socket rules ({@code wash-runtime sockets/policy.rs}), as a pure function of the
 * request:
 *
 * <ul>
 *   <li>TCP bind: components never; services only on loopback, the unspecified address ({@code
 *       0.0.0.0}, {@code [::]}) being rewritten to the loopback address of its family.
 *   <li>UDP bind: loopback or unspecified, for everyone (the unspecified address is rewritten to
 *       loopback too).
 *   <li>TCP connect, UDP connect and UDP send: only to destinations matching {@code allowedHosts}:
 *       {@code *} (anything), {@code host}, {@code host:port}, {@code scheme://host[:port][/]},
 *       {@code *.suffix[:port]}; the host is matched against the IP literal and against the names
 *       the guest resolved to that address. A scheme only selects the syntax (raw sockets have no
 *       scheme); without a port every port matches. Empty = deny all egress.
 *   <li>Name lookups: only names matching {@code allowedIpNameLookups} ({@code *}, a name, {@code
 *       *.suffix} or an IP literal); empty = every lookup fails ({@code
 *       permanent-resolver-failure}).
 * </ul>
 */
public final class WasmCloudNetworkPolicy implements NetworkPolicy {
  private static final Pattern HOST_PORT = Pattern.compile("^(.*?)(?::([0-9]{1,5}))?/?$");

  private final List<HostRule> allowedHosts;
  private final List<String> allowedLookups;

  /** A host pattern: {@code null} host means any; {@code port} -1 means any. */
  record HostRule(String host, boolean wildcardSuffix, int port) {
    boolean matches(String name, int p) {
      if (port >= 0 && port != p) {
        return false;
      }
      if (host == null) {
        return true;
      }
      String n = name.toLowerCase(Locale.ROOT);
      if (n.endsWith(".")) {
        n = n.substring(0, n.length() - 1);
      }
      return wildcardSuffix ? n.endsWith("." + host) : n.equals(host);
    }
  }

  /** The policy for a workload with these {@code allowedHosts} and {@code allowedIpNameLookups}. */
  public WasmCloudNetworkPolicy(List<String> allowedHosts, List<String> allowedIpNameLookups) {
    this.allowedHosts = new ArrayList<>();
    for (String h : Objects.requireNonNull(allowedHosts, "allowedHosts")) {
      this.allowedHosts.add(parseHost(h));
    }
    this.allowedLookups = new ArrayList<>();
    for (String l : Objects.requireNonNull(allowedIpNameLookups, "allowedIpNameLookups")) {
      String s = l.trim().toLowerCase(Locale.ROOT);
      if (s.isEmpty()) {
        throw new IllegalArgumentException("empty allowedIpNameLookups entry");
      }
      allowedLookups.add(s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s);
    }
  }

  /** No egress, no lookups: services may still listen on loopback. */
  public static WasmCloudNetworkPolicy closed() {
    return new WasmCloudNetworkPolicy(List.of(), List.of());
  }

  static HostRule parseHost(String pattern) {
    String p = pattern.trim();
    if (p.equals("*")) {
      return new HostRule(null, false, -1);
    }
    int scheme = p.indexOf("://");
    if (scheme >= 0) {
      p = p.substring(scheme + 3);
    }
    String host;
    int port = -1;
    if (p.startsWith("[")) { // [ipv6]:port
      int end = p.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("bad allowedHosts entry: " + pattern);
      }
      host = p.substring(1, end);
      String rest = p.substring(end + 1);
      if (rest.endsWith("/")) {
        rest = rest.substring(0, rest.length() - 1);
      }
      if (rest.startsWith(":")) {
        port = parsePort(rest.substring(1), pattern);
      } else if (!rest.isEmpty()) {
        throw new IllegalArgumentException("bad allowedHosts entry: " + pattern);
      }
    } else {
      var m = HOST_PORT.matcher(p);
      if (!m.matches()) {
        throw new IllegalArgumentException("bad allowedHosts entry: " + pattern);
      }
      host = m.group(1);
      if (m.group(2) != null) {
        port = parsePort(m.group(2), pattern);
      }
    }
    host = host.toLowerCase(Locale.ROOT);
    boolean wildcard = host.startsWith("*.");
    if (wildcard) {
      host = host.substring(2);
    }
    if (host.isEmpty() || host.contains("*") || host.contains("/")) {
      throw new IllegalArgumentException("bad allowedHosts entry: " + pattern);
    }
    return new HostRule(host, wildcard, port);
  }

  private static int parsePort(String s, String pattern) {
    int port = Integer.parseInt(s);
    if (port > 65535) {
      throw new IllegalArgumentException("bad port in allowedHosts entry: " + pattern);
    }
    return port;
  }

  @Override
  public boolean allows(Use use, InetSocketAddress address) {
    return decide(new Request(Caller.ANONYMOUS, use, address, java.util.Set.of())).allowed();
  }

  @Override
  public boolean allowsNameLookup() {
    return !allowedLookups.isEmpty();
  }

  @Override
  public Decision decide(Request r) {
    InetAddress ip = r.address().getAddress();
    switch (r.use()) {
      case TCP_BIND -> {
        if (r.caller().kind() != Caller.Kind.SERVICE) {
          return Decision.deny("components may not bind TCP sockets (only services may listen)");
        }
        if (ip.isAnyLocalAddress()) {
          return Decision.allow(loopback(r.address()));
        }
        return ip.isLoopbackAddress()
            ? Decision.allow(r.address())
            : Decision.deny("services may listen on loopback only, not " + ip.getHostAddress());
      }
      case UDP_BIND -> {
        if (ip.isAnyLocalAddress()) {
          return Decision.allow(loopback(r.address()));
        }
        return ip.isLoopbackAddress()
            ? Decision.allow(r.address())
            : Decision.deny("UDP may bind loopback or the unspecified address only");
      }
      default -> {
        return egressAllowed(r)
            ? Decision.allow(r.address())
            : Decision.deny(
                r.use() + " to " + r.address() + " is not in allowedHosts " + allowedHosts);
      }
    }
  }

  private boolean egressAllowed(Request r) {
    int port = r.address().getPort();
    String literal = r.address().getAddress().getHostAddress().toLowerCase(Locale.ROOT);
    int pct = literal.indexOf('%');
    if (pct >= 0) {
      literal = literal.substring(0, pct);
    }
    for (HostRule rule : allowedHosts) {
      if (rule.host() != null && !rule.wildcardSuffix() && isIpLiteral(rule.host())) {
        InetAddress ruleIp = NameLookup.literal(rule.host());
        if (ruleIp != null
            && ruleIp.equals(r.address().getAddress())
            && rule.matches(rule.host(), port)) {
          return true;
        }
        continue;
      }
      if (rule.matches(literal, port)) {
        return true;
      }
      for (String name : r.hostNames()) {
        if (rule.matches(name, port)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isIpLiteral(String s) {
    return s.contains(":") || s.matches("[0-9.]+");
  }

  @Override
  public boolean allowsNameLookup(Caller caller, String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".")) {
      n = n.substring(0, n.length() - 1);
    }
    for (String pattern : allowedLookups) {
      if (pattern.equals("*") || pattern.equals(n)) {
        return true;
      }
      if (pattern.startsWith("*.") && n.endsWith(pattern.substring(1))) {
        return true;
      }
      if (isIpLiteral(pattern) && isIpLiteral(n)) {
        InetAddress a = NameLookup.literal(pattern);
        if (a != null && a.equals(NameLookup.literal(n))) {
          return true;
        }
      }
    }
    return false;
  }

  private static InetSocketAddress loopback(InetSocketAddress a) {
    Family f = a.getAddress() instanceof Inet4Address ? Family.IPV4 : Family.IPV6;
    return new InetSocketAddress(f.loopback(), a.getPort());
  }
}
