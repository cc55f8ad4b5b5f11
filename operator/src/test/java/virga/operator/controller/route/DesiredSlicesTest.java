package virga.operator.controller.route;

import static org.assertj.core.api.Assertions.assertThat;
import static virga.operator.controller.route.RouteFixtures.host;
import static virga.operator.controller.route.RouteFixtures.workload;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.Workload;

class DesiredSlicesTest {
  static final String UID = "6b0c5f9e-svc-uid";

  static List<SliceSpec> slices(List<Workload> workloads, List<Host> hosts) {
    return DesiredSlices.of("shop", "web", UID, workloads, hosts);
  }

  @Test
  void oneEndpointPerHostRunningAReadyWorkloadOfTheService() {
    List<SliceSpec> s =
        slices(
            List.of(
                workload("shop", "web-1", "web", "H1", "True"),
                workload("shop", "web-2", "web", "H2", "True"),
                workload("shop", "web-3", "web", "H1", "True")), // second replica on H1
            List.of(
                host("h1", "H1", "10.0.0.7", 8080L, "True"),
                host("h2", "H2", "10.0.0.3", 8080L, "True")));
    assertThat(s)
        .containsExactly(
            new SliceSpec(
                "shop",
                "web-http-8080",
                "web",
                UID,
                "IPv4",
                8080,
                List.of("10.0.0.3", "10.0.0.7")));
  }

  @Test
  void workloadsThatAreNotReadyPlacedOrOfThisServiceAreLeftOut() {
    Workload deleting = workload("shop", "web-del", "web", "H4", "True");
    deleting.getMetadata().setDeletionTimestamp(Instant.now().toString());
    List<SliceSpec> s =
        slices(
            List.of(
                workload("shop", "web-1", "web", "H1", "False"),
                workload("shop", "web-2", "web", null, null),
                workload("shop", "api-1", "api", "H2", "True"),
                workload("other", "web-x", "web", "H3", "True"),
                workload("shop", "plain", null, "H3", "True"),
                deleting),
            List.of(
                host("h1", "H1", "10.0.0.1", 80L, "True"),
                host("h2", "H2", "10.0.0.2", 80L, "True"),
                host("h3", "H3", "10.0.0.3", 80L, "True"),
                host("h4", "H4", "10.0.0.4", 80L, "True")));
    assertThat(s).as("no endpoint, no slice").isEmpty();
  }

  @Test
  void hostsWithoutIngressGoneOrWithoutAnIpAreSkipped() {
    Host deleting = host("h6", "H6", "10.0.0.6", 80L, "True");
    deleting.getMetadata().setDeletionTimestamp(Instant.now().toString());
    List<Workload> ws =
        List.of(
            workload("shop", "w1", "web", "H1", "True"),
            workload("shop", "w2", "web", "H2", "True"),
            workload("shop", "w3", "web", "H3", "True"),
            workload("shop", "w4", "web", "H4", "True"),
            workload("shop", "w5", "web", "H5", "True"),
            workload("shop", "w6", "web", "H6", "True"),
            workload("shop", "w7", "web", "H7", "True"),
            workload("shop", "w8", "web", "MISSING", "True"));
    List<SliceSpec> s =
        slices(
            ws,
            List.of(
                host("h1", "H1", "10.0.0.1", 0L, "True"), // no --http-addr: wasmCloud skips too
                host("h2", "H2", "10.0.0.2", null, "True"),
                host("h3", "H3", "10.0.0.3", 80L, "False"), // declared gone
                host("h4", "H4", "host-4.example", 80L, "True"), // not an IP literal
                host("h5", "H5", "10.0.0.5", 80L, "Unknown"), // a missed heartbeat: kept
                deleting,
                host("h7", "H7", "10.0.0.7", 80L, null))); // no status yet: kept
    assertThat(s)
        .containsExactly(
            new SliceSpec(
                "shop", "web-http-80", "web", UID, "IPv4", 80, List.of("10.0.0.5", "10.0.0.7")));
  }

  @Test
  void hostsOnOtherPortsOrFamiliesGetTheirOwnSlice() {
    List<SliceSpec> s =
        slices(
            List.of(
                workload("shop", "w1", "web", "H1", "True"),
                workload("shop", "w2", "web", "H2", "True"),
                workload("shop", "w3", "web", "H3", "True")),
            List.of(
                host("h1", "H1", "10.0.0.1", 8080L, "True"),
                host("h2", "H2", "10.0.0.2", 9090L, "True"),
                host("h3", "H3", "fd00::3", 8080L, "True")));
    assertThat(s)
        .extracting(SliceSpec::name, SliceSpec::addressType, SliceSpec::port, SliceSpec::addresses)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("web-http-8080", "IPv4", 8080, List.of("10.0.0.1")),
            org.assertj.core.groups.Tuple.tuple(
                "web-http-8080-v6", "IPv6", 8080, List.of("fd00::3")),
            org.assertj.core.groups.Tuple.tuple(
                "web-http-9090", "IPv4", 9090, List.of("10.0.0.2")));
  }

  @Test
  void addressFamiliesAreReadFromLiteralsOnly() {
    assertThat(DesiredSlices.family("10.1.2.3")).contains("IPv4");
    assertThat(DesiredSlices.family("256.1.2.3")).isEmpty();
    assertThat(DesiredSlices.family("fd00::1")).contains("IPv6");
    assertThat(DesiredSlices.family("localhost")).isEmpty();
    assertThat(DesiredSlices.family("zz::zz")).isEmpty();
  }

  @Test
  void theServiceOfAWorkload() {
    assertThat(DesiredSlices.serviceOf(workload("shop", "w", "web", null, null))).contains("web");
    assertThat(DesiredSlices.serviceOf(workload("shop", "w", null, null, null)))
        .isEqualTo(Optional.empty());
  }

  @Test
  void aSliceIsBuiltAsKubernetesWantsItAndReadsBackAsTheSameSpec() {
    SliceSpec spec =
        new SliceSpec(
            "shop", "web-http-8080", "web", UID, "IPv4", 8080, List.of("10.0.0.7", "10.0.0.3"));
    EndpointSlice v1 = EndpointSliceStore.build(spec, "42");
    assertThat(v1.getApiVersion()).isEqualTo("discovery.k8s.io/v1");
    assertThat(v1.getKind()).isEqualTo("EndpointSlice");
    assertThat(v1.getMetadata().getName()).isEqualTo("web-http-8080");
    assertThat(v1.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(v1.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(v1.getMetadata().getLabels())
        .isEqualTo(
            Map.of(
                "kubernetes.io/service-name", "web",
                "wasmcloud.dev/route-manager", "true",
                "endpointslice.kubernetes.io/managed-by",
                    "runtime.wasmcloud.dev-route-controller"));
    var owner = v1.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getKind()).isEqualTo("Service");
    assertThat(owner.getApiVersion()).isEqualTo("v1");
    assertThat(owner.getName()).isEqualTo("web");
    assertThat(owner.getUid()).isEqualTo(UID);
    assertThat(owner.getController()).isTrue();
    assertThat(v1.getAddressType()).isEqualTo("IPv4");
    assertThat(v1.getPorts()).hasSize(1);
    assertThat(v1.getPorts().get(0).getName()).isEqualTo("http");
    assertThat(v1.getPorts().get(0).getPort()).isEqualTo(8080);
    assertThat(v1.getPorts().get(0).getProtocol()).isEqualTo("TCP");
    assertThat(v1.getEndpoints())
        .extracting(e -> e.getAddresses(), e -> e.getConditions().getReady())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(List.of("10.0.0.3"), true),
            org.assertj.core.groups.Tuple.tuple(List.of("10.0.0.7"), true));
    assertThat(EndpointSliceStore.content(v1, "web")).isEqualTo(spec);

    var beta =
        EndpointSliceStore.as(EndpointSliceStore.build(spec, null), "discovery.k8s.io/v1beta1");
    assertThat(beta.getApiVersion()).isEqualTo("discovery.k8s.io/v1beta1");
    assertThat(beta.getKind()).isEqualTo("EndpointSlice");
    assertThat(EndpointSliceStore.content(EndpointSliceStore.asV1(beta), "web")).isEqualTo(spec);
  }

  @Test
  void aSliceEditedByHandReadsAsDifferentSoItIsRewritten() {
    SliceSpec spec =
        new SliceSpec("shop", "web-http-8080", "web", UID, "IPv4", 8080, List.of("10.0.0.7"));
    EndpointSlice notReady = EndpointSliceStore.build(spec, "1");
    notReady.getEndpoints().get(0).getConditions().setReady(false);
    assertThat(EndpointSliceStore.content(notReady, "web")).isNotEqualTo(spec);

    EndpointSlice twoPorts = EndpointSliceStore.build(spec, "1");
    twoPorts.getPorts().add(twoPorts.getPorts().get(0));
    assertThat(EndpointSliceStore.content(twoPorts, "web").port()).isEqualTo(-1);

    EndpointSlice unmarked = EndpointSliceStore.build(spec, "1");
    unmarked.getMetadata().getLabels().remove("endpointslice.kubernetes.io/managed-by");
    assertThat(EndpointSliceStore.content(unmarked, "web")).isNotEqualTo(spec);
  }
}
