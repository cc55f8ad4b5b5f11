package virga.operator.scheduling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import virga.operator.scheduling.Placement.Cause;
import virga.operator.scheduling.Placement.NoPlacement;
import virga.operator.scheduling.Placement.Placed;
import virga.operator.scheduling.Placement.Rejection;

/**
 * Picks a host for a workload; pure and deterministic.
 *
 * <p>Filters as wasmCloud's {@code findFreeHost} does (Ready, {@code hostSelector}, {@code hostId},
 * the {@code environment} × {@code allowSharedHosts} matrix), then goes further: the host must
 * serve every requested host interface and be under the CPU and memory thresholds. Among the
 * survivors it spreads replicas: fewest replicas of the same owner, then least loaded (in bands of
 * {@value #LOAD_BAND_PERCENT} points), then fewest workloads, then host id, where wasmCloud picks
 * at random.
 */
public final class Scheduler {
  /**
   * Loads this close count as equal: heartbeats report them up to an interval late, and hosts that
   * share a machine report the same machine-wide figure, so comparing them exactly sent every
   * workload to whichever host happened to report 0.1% less (all 9 of 9 in bench/cluster).
   */
  static final double LOAD_BAND_PERCENT = 10;

  private static final Comparator<HostCandidate> PREFERENCE =
      Comparator.comparingInt(HostCandidate::ownerReplicas)
          .thenComparingInt(h -> (int) (h.load() / LOAD_BAND_PERCENT))
          .thenComparingLong(HostCandidate::workloadCount)
          .thenComparing(HostCandidate::id);

  private final SchedulingPolicy policy;

  /** A scheduler with {@code policy}. */
  public Scheduler(SchedulingPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Chooses among {@code hosts} for {@code request}. */
  public Placement place(PlacementRequest request, List<HostCandidate> hosts) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(hosts, "hosts");
    Optional<String> environment;
    String target = request.environment();
    boolean crossTenant = !target.isEmpty() && !target.equals(request.namespace());
    if (crossTenant && !policy.allowSharedHosts()) {
      return new NoPlacement(
          Cause.CROSS_ENVIRONMENT_SCHEDULING_DENIED,
          String.format(
              "Environment \"%s\" is outside \"%s\" and operator has allowSharedHosts=false",
              target, request.namespace()),
          List.of());
    }
    if (!target.isEmpty()) {
      environment = Optional.of(target);
    } else if (!policy.allowSharedHosts()) {
      // no environment and no sharing: the workload stays in its own tenant
      environment = Optional.of(request.namespace());
    } else {
      environment = Optional.empty();
    }

    if (hosts.isEmpty()) {
      return new NoPlacement(Cause.NO_HOSTS, "no hosts are registered", List.of());
    }
    List<HostCandidate> pool = hosts;
    if (!request.hostId().isEmpty()) {
      pool = hosts.stream().filter(h -> h.id().equals(request.hostId())).toList();
      if (pool.isEmpty()) {
        return new NoPlacement(
            Cause.PINNED_HOST_UNKNOWN,
            "pinned host " + request.hostId() + " is not among the " + count(hosts) + " known",
            List.of());
      }
    }

    List<HostCandidate> fit = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    for (HostCandidate host : pool) {
      Optional<String> why = rejection(request, environment, host);
      if (why.isPresent()) {
        rejections.add(new Rejection(host.id(), host.name(), why.get()));
      } else {
        fit.add(host);
      }
    }
    if (!fit.isEmpty()) {
      return new Placed(fit.stream().min(PREFERENCE).orElseThrow());
    }
    rejections.sort(Comparator.comparing(Rejection::hostId));
    String detail =
        rejections.stream()
            .map(r -> r.hostName() + " " + r.reason())
            .collect(Collectors.joining("; "));
    return new NoPlacement(
        Cause.NO_SUITABLE_HOST,
        "no suitable host among " + count(pool) + ": " + detail,
        rejections);
  }

  private Optional<String> rejection(
      PlacementRequest request, Optional<String> environment, HostCandidate host) {
    if (!host.ready()) {
      return Optional.of("not Ready");
    }
    if (environment.isPresent() && !environment.get().equals(host.environment())) {
      return Optional.of(
          "is in environment \"" + host.environment() + "\", not \"" + environment.get() + "\"");
    }
    for (Map.Entry<String, String> want : request.hostSelector().entrySet()) {
      String have = host.labels().get(want.getKey());
      if (!want.getValue().equals(have)) {
        return Optional.of(
            have == null
                ? "lacks label " + want.getKey() + "=" + want.getValue()
                : "has label " + want.getKey() + "=" + have + ", not " + want.getValue());
      }
    }
    List<String> missing = InterfaceCoverage.missing(request.interfaces(), host);
    if (!missing.isEmpty()) {
      return Optional.of("lacks " + String.join(", ", missing));
    }
    if (host.cpuUsagePercent() > policy.cpuThresholdPercent()) {
      return Optional.of(
          "cpu " + percent(host.cpuUsagePercent()) + " > " + percent(policy.cpuThresholdPercent()));
    }
    if (host.memoryUsedPercent() > policy.memoryThresholdPercent()) {
      return Optional.of(
          "memory "
              + percent(host.memoryUsedPercent())
              + " > "
              + percent(policy.memoryThresholdPercent()));
    }
    return Optional.empty();
  }

  private static String count(List<HostCandidate> hosts) {
    return hosts.size() == 1 ? "1 host" : hosts.size() + " hosts";
  }

  private static String percent(double value) {
    // one decimal only where it matters, so "80.4% > 80%" does not read "80% > 80%"
    boolean whole = Math.abs(value - Math.rint(value)) < 0.05;
    return String.format(Locale.ROOT, whole ? "%.0f%%" : "%.1f%%", value);
  }
}
