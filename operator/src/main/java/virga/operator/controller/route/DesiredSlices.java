package virga.operator.controller.route;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.KubernetesIntegration;
import virga.crds.v1alpha1.Workload;
import virga.operator.conditions.Conditions;

/**
 * The EndpointSlices a Service should have (wasmCloud's {@code WorkloadRouteReconciler}): one
 * endpoint per host that runs a Ready Workload naming the Service in {@code
 * spec.kubernetes.service.name}, at the host's pod IP ({@code Host.hostname}) and HTTP port ({@code
 * Host.httpPort}). Hosts without an ingress ({@code httpPort} 0), hosts whose Ready condition is
 * False or that are being deleted, and host names that are not IP literals (no slice could hold
 * them) are left out. No endpoint, no slice. Pure.
 */
public final class DesiredSlices {
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private DesiredSlices() {}

  /**
   * The slices of Service {@code namespace/service} (UID {@code serviceUid}), given the Workloads
   * of that namespace and the Hosts, sorted by name.
   */
  public static List<SliceSpec> of(
      String namespace,
      String service,
      String serviceUid,
      Collection<Workload> workloads,
      Collection<Host> hosts) {
    Map<String, Host> byId = new HashMap<>();
    for (Host h : hosts) {
      if (h.getHostId() != null && !h.getHostId().isEmpty()) {
        byId.put(h.getHostId(), h);
      }
    }
    // (family, port) -> addresses; sorted so that the result is stable
    Map<String, List<String>> groups = new TreeMap<>();
    for (Workload w : workloads) {
      if (!routes(w, namespace, service)) {
        continue;
      }
      Host h = byId.get(w.getStatus().getHostId());
      if (h == null || !serving(h)) {
        continue;
      }
      Optional<String> family = family(h.getHostname());
      if (family.isEmpty()) {
        continue;
      }
      int port = h.getHttpPort().intValue();
      groups
          .computeIfAbsent(family.get() + "/" + port, k -> new ArrayList<>())
          .add(h.getHostname());
    }
    List<SliceSpec> out = new ArrayList<>();
    groups.forEach(
        (key, addresses) -> {
          String family = key.substring(0, key.indexOf('/'));
          int port = Integer.parseInt(key.substring(key.indexOf('/') + 1));
          out.add(
              new SliceSpec(
                  namespace,
                  SliceSpec.nameFor(service, family, port),
                  service,
                  serviceUid,
                  family,
                  port,
                  addresses));
        });
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }

  /** The Service a Workload asks to be reachable through, if any. */
  public static Optional<String> serviceOf(Workload w) {
    if (w.getSpec() == null) {
      return Optional.empty();
    }
    KubernetesIntegration k = w.getSpec().getKubernetes();
    if (k == null || k.getService() == null) {
      return Optional.empty();
    }
    String name = k.getService().getName();
    return name == null || name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  /** Whether {@code w} is a Ready, placed, live Workload of Service {@code namespace/service}. */
  static boolean routes(Workload w, String namespace, String service) {
    return namespace.equals(w.getMetadata().getNamespace())
        && serviceOf(w).filter(service::equals).isPresent()
        && w.getMetadata().getDeletionTimestamp() == null
        && w.getStatus() != null
        && w.getStatus().getHostId() != null
        && !w.getStatus().getHostId().isEmpty()
        && Conditions.isTrue(w.getStatus(), ConditionTypes.READY);
  }

  /** An ingress port, an address, not gone (Ready not False, not being deleted). */
  static boolean serving(Host h) {
    if (h.getHttpPort() == null
        || h.getHttpPort() <= 0
        || h.getHttpPort() > 65535
        || h.getHostname() == null
        || h.getHostname().isEmpty()
        || h.getMetadata().getDeletionTimestamp() != null) {
      return false;
    }
    return h.getStatus() == null
        || Conditions.find(h.getStatus(), ConditionTypes.READY)
            .map(c -> !ConditionStatus.FALSE.equals(c.getStatus()))
            .orElse(true);
  }

  /** {@code IPv4} or {@code IPv6} for an IP literal; empty for a host name (never resolved). */
  static Optional<String> family(String address) {
    if (IPV4_LITERAL.matcher(address).matches()) {
      for (String octet : address.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
      return Optional.of(SliceSpec.IPV4);
    }
    if (address.indexOf(':') < 0) {
      return Optional.empty(); // a DNS name: resolving it is not this controller's business
    }
    try {
      // with a ':' this only parses the literal, it never asks DNS
      return InetAddress.getByName(address) instanceof Inet6Address
          ? Optional.of(SliceSpec.IPV6)
          : Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
