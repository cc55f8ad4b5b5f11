package virga.host.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import virga.wasi.http.HttpRejection;
import virga.wasi.http.IncomingHandler;
import virga.wasi.http.IncomingRequest;
import virga.wasi.http.ResponseOutparam;

/**
 * The host's HTTP ingress routing, as wasmCloud's {@code DynamicRouter}: a request goes to a
 * workload registered for its {@code Host} header (port stripped), picked at random when several
 * replicas share the name; 400 without a Host, 404 for an unknown one. A workload registers its
 * {@code config.host} (required, RFC 1123) and its comma-separated {@code host-aliases}.
 */
public final class HostRouter implements IncomingHandler {
  private static final Logger LOG = LoggerFactory.getLogger(HostRouter.class);

  /** One workload's HTTP component. */
  private record Route(String workloadId, IncomingHandler handler) {}

  private final Map<String, List<Route>> byHost = new ConcurrentHashMap<>();
  private final Counter missingHost;
  private final Counter unknownHost;

  /** A router counting its refusals in {@code meters}. */
  public HostRouter(MeterRegistry meters) {
    missingHost =
        Counter.builder("virga.ingress.refused").tag("reason", "no-host").register(meters);
    unknownHost =
        Counter.builder("virga.ingress.refused").tag("reason", "unknown-host").register(meters);
  }

  /**
   * The host names a {@code wasi:http} host interface's config routes: {@code host} then the valid
   * {@code host-aliases}.
   *
   * @throws IllegalArgumentException when {@code host} is missing or not RFC 1123
   */
  public static Set<String> hostNames(Map<String, String> config) {
    String host = config.get("host");
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException(
          "the wasi:http hostInterface needs config.host, the host name requests are routed by"
              + " (e.g. config: {host: hello.localhost})");
    }
    if (!HostName.isValid(host.trim())) {
      throw new IllegalArgumentException(
          "config.host '" + host + "' is not a valid RFC 1123 host name (no '*', no '_')");
    }
    Set<String> names = new LinkedHashSet<>();
    names.add(HostName.routingKey(host));
    String aliases = config.getOrDefault("host-aliases", "");
    for (String alias : aliases.split(",")) {
      String a = alias.trim();
      if (a.isEmpty()) {
        continue;
      }
      if (HostName.isValid(a)) {
        names.add(HostName.routingKey(a));
      } else {
        LOG.warn("ignoring host-alias '{}': not a valid RFC 1123 host name", a);
      }
    }
    return names;
  }

  /** Routes {@code names} to {@code handler} of workload {@code workloadId}. */
  public void register(String workloadId, Set<String> names, IncomingHandler handler) {
    Route route = new Route(workloadId, handler);
    for (String name : names) {
      byHost.compute(
          name,
          (k, routes) -> {
            List<Route> next = routes == null ? new ArrayList<>() : new ArrayList<>(routes);
            next.add(route);
            return List.copyOf(next);
          });
    }
  }

  /** Removes every route of {@code workloadId}; idempotent. */
  public void unregister(String workloadId) {
    for (String name : List.copyOf(byHost.keySet())) {
      byHost.computeIfPresent(
          name,
          (k, routes) -> {
            List<Route> next =
                routes.stream().filter(r -> !r.workloadId().equals(workloadId)).toList();
            return next.isEmpty() ? null : next;
          });
    }
  }

  /** The host names routed now, for status output. */
  public Set<String> hosts() {
    return Set.copyOf(byHost.keySet());
  }

  @Override
  public void handle(IncomingRequest request, ResponseOutparam outparam) {
    String key = HostName.routingKey(request.authority());
    if (key == null) {
      missingHost.increment();
      throw new HttpRejection(400, "missing Host header: the host routes requests by it");
    }
    List<Route> routes = byHost.get(key);
    if (routes == null || routes.isEmpty()) {
      unknownHost.increment();
      throw new HttpRejection(404, "no workload serves host '" + key + "'");
    }
    Route r =
        routes.size() == 1
            ? routes.get(0)
            : routes.get(ThreadLocalRandom.current().nextInt(routes.size()));
    r.handler().handle(request, outparam);
  }
}
