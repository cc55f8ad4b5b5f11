package virga.operator.scheduling;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a Workload may go, from its spec.
 *
 * @param namespace the Workload's namespace (its tenant)
 * @param hostSelector labels every chosen host must carry
 * @param hostId pins the workload to one host id; empty for none
 * @param environment {@code spec.environment}: the host environment to use; empty for none
 * @param interfaces {@code spec.hostInterfaces}: what the host must serve
 */
public record PlacementRequest(
    String namespace,
    Map<String, String> hostSelector,
    String hostId,
    String environment,
    List<WitRef> interfaces) {

  /** Copies collections and normalises nulls. */
  public PlacementRequest {
    Objects.requireNonNull(namespace, "namespace");
    hostSelector = Map.copyOf(Objects.requireNonNullElse(hostSelector, Map.of()));
    hostId = Objects.requireNonNullElse(hostId, "");
    environment = Objects.requireNonNullElse(environment, "");
    interfaces = List.copyOf(Objects.requireNonNullElse(interfaces, List.of()));
  }
}
