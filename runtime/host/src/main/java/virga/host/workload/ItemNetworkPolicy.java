package virga.host.workload;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import virga.wasi.NetworkPolicy;

/**
 * The network policy one item's instances see: the workload's policy (its virtual loopback over
 * each item's own {@code allowedHosts}), asked as this item. It also answers the question outgoing
 * {@code wasi:http} asks without a caller and with an unresolved host name: the name is matched
 * against the item's {@code allowedHosts}, and a loopback destination is refused (the HTTP client
 * would reach the machine's loopback, not the workload's).
 */
final class ItemNetworkPolicy implements NetworkPolicy {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final NetworkPolicy workload;
  private final NetworkPolicy rules;
  private final Caller caller;

  ItemNetworkPolicy(NetworkPolicy workload, NetworkPolicy rules, Caller caller) {
    this.workload = workload;
    this.rules = rules;
    this.caller = caller;
  }

  @Override
  public boolean allows(Use use, InetSocketAddress address) {
    if (!address.isUnresolved()) {
      return decide(new Request(caller, use, address, Set.of())).allowed();
    }
    String host = address.getHostString().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      if (IPV4.matcher(host).matches() || host.contains(":")) {
        InetAddress ip = InetAddress.getByName(host); // a literal: no lookup
        if (ip.isLoopbackAddress() || ip.isAnyLocalAddress()) {
          return false;
        }
        return rules
            .decide(
                new Request(caller, use, new InetSocketAddress(ip, address.getPort()), Set.of()))
            .allowed();
      }
      if (host.equals("localhost") || host.endsWith(".localhost")) {
        return false;
      }
      // a stand-in address nobody lists, so that only the name can match
      InetAddress named = InetAddress.getByAddress(host, new byte[16]);
      return rules
          .decide(
              new Request(
                  caller, use, new InetSocketAddress(named, address.getPort()), Set.of(host)))
          .allowed();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public boolean allowsNameLookup() {
    return rules.allowsNameLookup();
  }

  @Override
  public Decision decide(Request request) {
    return workload.decide(request);
  }

  @Override
  public boolean allowsNameLookup(Caller who, String name) {
    return workload.allowsNameLookup(who, name);
  }

  @Override
  public List<InetAddress> reservedName(Caller who, String name) {
    return workload.reservedName(who, name);
  }

  @Override
  public InetSocketAddress guestAddress(Caller who, InetSocketAddress actual) {
    return workload.guestAddress(who, actual);
  }

  @Override
  public void socketBound(Caller who, Use use, InetSocketAddress actual) {
    workload.socketBound(who, use, actual);
  }

  @Override
  public void socketReleased(Caller who, Use use, InetSocketAddress actual) {
    workload.socketReleased(who, use, actual);
  }
}
