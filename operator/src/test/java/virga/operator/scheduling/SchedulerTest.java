package virga.operator.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import virga.operator.scheduling.Placement.Cause;
import virga.operator.scheduling.Placement.NoPlacement;
import virga.operator.scheduling.Placement.Placed;
import virga.protocol.v2.HostHeartbeat;
import virga.protocol.v2.WitInterface;

class SchedulerTest {
  private static final long GB = 1L << 30;
  private final Scheduler scheduler = new Scheduler(SchedulingPolicy.DEFAULT);

  /** A Ready, idle host in the default hostgroup; tweak with the with* helpers. */
  private static HostCandidate host(String id) {
    return new HostCandidate(
        id,
        id,
        Map.of("hostgroup", "default"),
        "",
        true,
        10,
        8 * GB,
        6 * GB,
        List.of(),
        List.of(),
        0,
        0,
        0);
  }

  private static HostCandidate notReady(HostCandidate h) {
    Edit e = new Edit(h);
    e.ready = false;
    return e.done();
  }

  private static HostCandidate withEnv(HostCandidate h, String env) {
    Edit e = new Edit(h);
    e.environment = env;
    return e.done();
  }

  private static HostCandidate withLabel(HostCandidate h, String k, String v) {
    Edit e = new Edit(h);
    e.labels.put(k, v);
    return e.done();
  }

  private static HostCandidate withLoad(HostCandidate h, double cpu, long free) {
    Edit e = new Edit(h);
    e.cpu = cpu;
    e.memoryFree = free;
    return e.done();
  }

  private static HostCandidate withImports(HostCandidate h, String... specs) {
    Edit e = new Edit(h);
    for (String spec : specs) {
      e.imports.add(WitRef.parse(spec));
    }
    return e.done();
  }

  private static HostCandidate withReplicas(HostCandidate h, int owner, long workloads) {
    Edit e = new Edit(h);
    e.ownerReplicas = owner;
    e.workloadCount = workloads;
    return e.done();
  }

  /** A copy of a candidate whose fields the with* helpers change before {@link #done}. */
  private static final class Edit {
    private final HostCandidate from;
    final Map<String, String> labels;
    final List<WitRef> imports;
    String environment;
    boolean ready;
    double cpu;
    long memoryFree;
    long workloadCount;
    int ownerReplicas;

    Edit(HostCandidate from) {
      this.from = from;
      labels = new HashMap<>(from.labels());
      imports = new ArrayList<>(from.imports());
      environment = from.environment();
      ready = from.ready();
      cpu = from.cpuUsagePercent();
      memoryFree = from.memoryFree();
      workloadCount = from.workloadCount();
      ownerReplicas = from.ownerReplicas();
    }

    HostCandidate done() {
      return new HostCandidate(
          from.id(),
          from.name(),
          labels,
          environment,
          ready,
          cpu,
          from.memoryTotal(),
          memoryFree,
          imports,
          from.exports(),
          from.httpPort(),
          workloadCount,
          ownerReplicas);
    }
  }

  private static PlacementRequest request(String... interfaces) {
    return new PlacementRequest(
        "team-a",
        Map.of("hostgroup", "default"),
        "",
        "",
        List.of(interfaces).stream().map(WitRef::parse).toList());
  }

  private static PlacementRequest inEnv(String namespace, String environment) {
    return new PlacementRequest(namespace, Map.of(), "", environment, List.of());
  }

  private static String placedId(Placement p) {
    assertThat(p).isInstanceOf(Placed.class);
    return ((Placed) p).host().id();
  }

  private static NoPlacement refused(Placement p) {
    assertThat(p).isInstanceOf(NoPlacement.class);
    return (NoPlacement) p;
  }

  @Test
  void noHostsAtAll() {
    NoPlacement none = refused(scheduler.place(request(), List.of()));
    assertThat(none.cause()).isEqualTo(Cause.NO_HOSTS);
    assertThat(none.message()).isEqualTo("no hosts are registered");
  }

  @Test
  void reasonListsWhyEachHostWasRejected() {
    HostCandidate a = notReady(host("host-a"));
    HostCandidate b = withImports(host("host-b"), "wasi:keyvalue/atomics@0.2.0-draft");
    HostCandidate c =
        withImports(
            withLoad(host("host-c"), 10, (long) (0.09 * 8 * GB)),
            "wasi:keyvalue/store@0.2.0-draft");

    NoPlacement none =
        refused(scheduler.place(request("wasi:keyvalue/store@0.2.0-draft"), List.of(c, a, b)));

    assertThat(none.cause()).isEqualTo(Cause.NO_SUITABLE_HOST);
    assertThat(none.message())
        .isEqualTo(
            "no suitable host among 3 hosts: host-a not Ready;"
                + " host-b lacks wasi:keyvalue/store@0.2.0-draft; host-c memory 91% > 80%");
    assertThat(none.rejections())
        .extracting(Placement.Rejection::hostId)
        .containsExactly("host-a", "host-b", "host-c");
  }

  @Test
  void labelsMustMatchTheSelector() {
    HostCandidate other = withLabel(host("h1"), "hostgroup", "gpu");
    HostCandidate none =
        new HostCandidate("h2", "h2", Map.of(), "", true, 0, 0, 0, List.of(), List.of(), 0, 0, 0);
    NoPlacement r = refused(scheduler.place(request(), List.of(other, none)));
    assertThat(r.message())
        .contains("h1 has label hostgroup=gpu, not default", "h2 lacks label hostgroup=default");

    assertThat(placedId(scheduler.place(request(), List.of(other, host("h3"))))).isEqualTo("h3");
  }

  @Test
  void emptySelectorMatchesAnyHost() {
    PlacementRequest anyLabels = new PlacementRequest("ns", Map.of(), "", "", List.of());
    HostCandidate bare =
        new HostCandidate("h", "h", Map.of(), "", true, 0, 0, 0, List.of(), List.of(), 0, 0, 0);
    assertThat(placedId(scheduler.place(anyLabels, List.of(bare)))).isEqualTo("h");
  }

  @Test
  void pinnedHostIdIsTheOnlyCandidate() {
    PlacementRequest pinned = new PlacementRequest("ns", Map.of(), "h2", "", List.of());
    assertThat(placedId(scheduler.place(pinned, List.of(host("h1"), host("h2"), host("h3")))))
        .isEqualTo("h2");

    NoPlacement unknown = refused(scheduler.place(pinned, List.of(host("h1"), host("h3"))));
    assertThat(unknown.cause()).isEqualTo(Cause.PINNED_HOST_UNKNOWN);
    assertThat(unknown.message()).isEqualTo("pinned host h2 is not among the 2 hosts known");

    NoPlacement down = refused(scheduler.place(pinned, List.of(host("h1"), notReady(host("h2")))));
    assertThat(down.message()).isEqualTo("no suitable host among 1 host: h2 not Ready");
  }

  // ---- the environment x allowSharedHosts matrix of workload_controller.go ----

  private final Scheduler shared = new Scheduler(new SchedulingPolicy(true, 80, 80));
  private final Scheduler isolated = new Scheduler(new SchedulingPolicy(false, 80, 80));
  private final List<HostCandidate> tenants =
      List.of(withEnv(host("a1"), "team-a"), withEnv(host("b1"), "team-b"), host("untagged"));

  @Test
  void sharedAndNoEnvironmentMayUseAnyHost() {
    // least loaded tie -> by id: a1 first
    assertThat(placedId(shared.place(inEnv("team-b", ""), tenants))).isEqualTo("a1");
  }

  @Test
  void sharedWithEnvironmentUsesThatEnvironment() {
    assertThat(placedId(shared.place(inEnv("team-a", "team-b"), tenants))).isEqualTo("b1");
    assertThat(placedId(shared.place(inEnv("team-b", "team-b"), tenants))).isEqualTo("b1");
  }

  @Test
  void isolatedWithoutEnvironmentStaysInItsNamespace() {
    assertThat(placedId(isolated.place(inEnv("team-b", ""), tenants))).isEqualTo("b1");
    NoPlacement none = refused(isolated.place(inEnv("team-c", ""), tenants));
    assertThat(none.message())
        .contains(
            "a1 is in environment \"team-a\", not \"team-c\"",
            "untagged is in environment \"\", not \"team-c\"");
  }

  @Test
  void isolatedWithOwnNamespaceAsEnvironmentIsAllowed() {
    assertThat(placedId(isolated.place(inEnv("team-a", "team-a"), tenants))).isEqualTo("a1");
  }

  @Test
  void isolatedCrossTenantIsDeniedLikeTheWarningEvent() {
    NoPlacement denied = refused(isolated.place(inEnv("team-a", "team-b"), tenants));
    assertThat(denied.cause()).isEqualTo(Cause.CROSS_ENVIRONMENT_SCHEDULING_DENIED);
    assertThat(denied.cause().reason()).isEqualTo("CrossEnvironmentSchedulingDenied");
    assertThat(denied.message())
        .isEqualTo(
            "Environment \"team-b\" is outside \"team-a\" and operator has allowSharedHosts=false");
    // denied even with no hosts at all: it is a policy decision, not a capacity one
    assertThat(refused(isolated.place(inEnv("team-a", "team-b"), List.of())).cause())
        .isEqualTo(Cause.CROSS_ENVIRONMENT_SCHEDULING_DENIED);
  }

  // ---- capacity ----

  @Test
  void hostsAboveTheThresholdsAreSkipped() {
    HostCandidate hot = withLoad(host("hot"), 95.5, 6 * GB);
    HostCandidate full = withLoad(host("full"), 10, GB / 2);
    HostCandidate ok = withLoad(host("ok"), 79, 2 * GB);
    assertThat(placedId(scheduler.place(request(), List.of(hot, full, ok)))).isEqualTo("ok");

    NoPlacement none = refused(scheduler.place(request(), List.of(hot, full)));
    assertThat(none.message()).contains("hot cpu 95.5% > 80%", "full memory 93.8% > 80%");
  }

  @Test
  void thresholdsAreConfigurable() {
    Scheduler lenient = new Scheduler(new SchedulingPolicy(true, 99, 99));
    HostCandidate hot = withLoad(host("hot"), 95, GB / 2);
    assertThat(placedId(lenient.place(request(), List.of(hot)))).isEqualTo("hot");
  }

  @Test
  void unknownMemoryTotalIsNotHeldAgainstTheHost() {
    HostCandidate unknown =
        new HostCandidate(
            "u",
            "u",
            Map.of("hostgroup", "default"),
            "",
            true,
            0,
            0,
            0,
            List.of(),
            List.of(),
            0,
            0,
            0);
    assertThat(placedId(scheduler.place(request(), List.of(unknown)))).isEqualTo("u");
  }

  @Test
  void badThresholdsAreRefused() {
    assertThatThrownBy(() -> new SchedulingPolicy(true, 0, 80))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cpu threshold");
    assertThatThrownBy(() -> new SchedulingPolicy(true, 80, 120))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memory threshold");
  }

  // ---- spreading ----

  @Test
  void prefersTheHostWithFewestReplicasOfTheSameOwner() {
    HostCandidate busyButEmpty = withReplicas(withLoad(host("z-busy"), 70, 3 * GB), 0, 20);
    HostCandidate idleWithReplica = withReplicas(host("a-idle"), 1, 1);
    assertThat(placedId(scheduler.place(request(), List.of(idleWithReplica, busyButEmpty))))
        .isEqualTo("z-busy");
  }

  @Test
  void thenTheLeastLoadedThenFewestWorkloadsThenHostId() {
    HostCandidate loaded = withLoad(host("a"), 50, 6 * GB);
    HostCandidate light = withLoad(host("b"), 20, 6 * GB);
    assertThat(placedId(scheduler.place(request(), List.of(loaded, light)))).isEqualTo("b");

    HostCandidate many = withReplicas(host("a"), 0, 9);
    HostCandidate few = withReplicas(host("b"), 0, 1);
    assertThat(placedId(scheduler.place(request(), List.of(many, few)))).isEqualTo("b");

    assertThat(placedId(scheduler.place(request(), List.of(host("c"), host("b"), host("d")))))
        .isEqualTo("b");
  }

  @Test
  void nearlyEqualLoadsAreATieThatFewerWorkloadsBreak() {
    // 31.2% and 38.9% are one band: the host with fewer workloads wins despite its higher load
    HostCandidate busy = withReplicas(withLoad(host("a"), 31.2, 6 * GB), 0, 9);
    HostCandidate idle = withReplicas(withLoad(host("b"), 38.9, 6 * GB), 0, 1);
    assertThat(placedId(scheduler.place(request(), List.of(busy, idle)))).isEqualTo("b");
    // a band apart, the lighter host wins
    HostCandidate lighter = withReplicas(withLoad(host("a"), 29.9, 6 * GB), 0, 9);
    assertThat(placedId(scheduler.place(request(), List.of(lighter, idle)))).isEqualTo("a");
  }

  @Test
  void placingThreeReplicasSpreadsThemOverThreeHosts() {
    List<HostCandidate> hosts = new ArrayList<>(List.of(host("h1"), host("h2"), host("h3")));
    List<String> placed = new ArrayList<>();
    for (int replica = 0; replica < 3; replica++) {
      String id = placedId(scheduler.place(request(), hosts));
      placed.add(id);
      hosts.replaceAll(
          h ->
              h.id().equals(id)
                  ? withReplicas(h, h.ownerReplicas() + 1, h.workloadCount() + 1)
                  : h);
    }
    assertThat(placed).containsExactlyInAnyOrder("h1", "h2", "h3");
  }

  @Test
  void interfaceAwarePlacementPicksTheHostThatServesThem() {
    HostCandidate plain = host("a-plain");
    HostCandidate kv =
        withImports(
            host("b-kv"),
            "wasi:keyvalue/store,atomics,batch@0.2.0-draft",
            "wasi:config/store@0.2.0-rc.1");
    assertThat(
            placedId(
                scheduler.place(
                    request(
                        "wasi:keyvalue/store@0.2.0-draft",
                        "wasi:config/store@0.2.0-rc.1",
                        "wasi:cli/environment@0.2.0"),
                    List.of(plain, kv))))
        .isEqualTo("b-kv");
  }

  @Test
  void candidateFromHeartbeat() {
    HostHeartbeat hb =
        HostHeartbeat.newBuilder()
            .setId("NABCD")
            .setFriendlyName("quiet-river")
            .putLabels("hostgroup", "default")
            .setEnvironment("team-a")
            .setSystemCpuUsage(12.5f)
            .setSystemMemoryTotal(100)
            .setSystemMemoryFree(25)
            .setHttpPort(8080)
            .setWorkloadCount(3)
            .addImports(
                WitInterface.newBuilder()
                    .setNamespace("wasi")
                    .setPackage("keyvalue")
                    .addInterfaces("store"))
            .build();
    HostCandidate c = HostCandidate.of(hb, true, 2);
    assertThat(c.id()).isEqualTo("NABCD");
    assertThat(c.name()).isEqualTo("quiet-river");
    assertThat(c.memoryUsedPercent()).isEqualTo(75.0);
    assertThat(c.load()).isEqualTo(75.0);
    assertThat(c.imports()).containsExactly(WitRef.parse("wasi:keyvalue/store"));
    assertThat(c.ownerReplicas()).isEqualTo(2);
    assertThat(InterfaceCoverage.missing(WitRef.parse("wasi:http/incoming-handler"), c)).isEmpty();
  }
}
