package virga.operator.controller.route;

import java.util.List;
import java.util.Objects;

/**
 * One EndpointSlice the route controller wants, independent of the API version that stores it: the
 * Service it belongs to (label {@code kubernetes.io/service-name} and owner), its address family,
 * the one port named {@code http} and the sorted, distinct host addresses (every endpoint ready).
 *
 * @param namespace the Service's namespace
 * @param name the slice's name ({@link #nameFor})
 * @param service the Service's name
 * @param serviceUid the Service's UID (owner reference)
 * @param addressType {@code IPv4} or {@code IPv6}
 * @param port the hosts' HTTP ingress port
 * @param addresses the hosts' pod IPs, sorted, no duplicates
 */
public record SliceSpec(
    String namespace,
    String name,
    String service,
    String serviceUid,
    String addressType,
    int port,
    List<String> addresses) {

  /** The port name kube-proxy matches with the Service's port of the same name. */
  public static final String PORT_NAME = "http";

  public static final String IPV4 = "IPv4";
  public static final String IPV6 = "IPv6";

  public SliceSpec {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(serviceUid, "serviceUid");
    Objects.requireNonNull(addressType, "addressType");
    addresses = addresses.stream().distinct().sorted().toList();
  }

  /**
   * {@code <service>-http-<port>}, with {@code -v6} for IPv6: one slice per port and family, so
   * hosts that listen on different ports (or families) are all reachable; normally there is one.
   */
  public static String nameFor(String service, String addressType, int port) {
    return service + "-" + PORT_NAME + "-" + port + (IPV6.equals(addressType) ? "-v6" : "");
  }
}
