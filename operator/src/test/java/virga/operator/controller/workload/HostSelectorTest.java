package virga.operator.controller.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.HostStatus;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadSpec;
import virga.crds.v1alpha1.WorkloadStatus;
import virga.operator.conditions.Conditions;
import virga.operator.hosts.HostRegistry;
import virga.operator.scheduling.Placement;
import virga.operator.scheduling.Scheduler;
import virga.operator.scheduling.SchedulingPolicy;

/**
 * Placement of siblings whose earlier choices are not visible yet: replicas created together are
 * reconciled in parallel, each before the other's host shows in the cache.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class HostSelectorTest {
  static KubernetesClient client;

  private String ns;
  private HostSelector selector;
  private final String owner = UUID.randomUUID().toString();

  @BeforeEach
  void setUp() {
    ns = "s" + UUID.randomUUID().toString().substring(0, 6);
    client.resources(Host.class).inNamespace("hosts").delete();
    selector =
        new HostSelector(
            new InMemoryHostApi(),
            new HostRegistry(),
            new Scheduler(SchedulingPolicy.DEFAULT),
            "hosts");
    for (String id : List.of("a", "b", "c")) {
      host(id);
    }
  }

  @Test
  void siblingsSelectedBeforeEitherIsWrittenBackLandOnDifferentHosts() {
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      chosen.add(hostOf(selector.select(client, Optional.empty(), sibling("r" + i))));
    }
    assertThat(new HashSet<>(chosen)).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void unrelatedWorkloadsSpreadByTheWorkloadsAlreadyChosenForEachHost() {
    Set<String> chosen = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      Workload alone = workload("alone" + i, Optional.empty());
      chosen.add(hostOf(selector.select(client, Optional.empty(), alone)));
    }
    assertThat(chosen).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void aChoiceTheServerShowsIsCountedOnceAndADeletedOneNotAtAll() {
    Workload first = sibling("r0");
    String firstHost = hostOf(selector.select(client, Optional.empty(), first));
    writeHost(first, firstHost); // now counted from the server; the booking is dropped
    Workload second = sibling("r1");
    String secondHost = hostOf(selector.select(client, Optional.empty(), second));
    assertThat(secondHost).isNotEqualTo(firstHost);

    client.resource(first).delete();
    client.resource(second).delete();
    // both gone: neither their bookings nor their status count, so the next goes to the first host
    assertThat(hostOf(selector.select(client, Optional.empty(), sibling("r2")))).isEqualTo("a");
  }

  @Test
  void aRepeatedSelectionForTheSameWorkloadDoesNotCountItsOwnEarlierChoice() {
    Workload only = sibling("r0");
    String once = hostOf(selector.select(client, Optional.empty(), only));
    String again = hostOf(selector.select(client, Optional.empty(), only));
    assertThat(again).isEqualTo(once);
  }

  private static String hostOf(Placement p) {
    assertThat(p).isInstanceOf(Placement.Placed.class);
    return ((Placement.Placed) p).host().id();
  }

  private Workload sibling(String name) {
    return workload(name, Optional.of(owner));
  }

  private Workload workload(String name, Optional<String> ownerUid) {
    ObjectMetaBuilder meta =
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(ns)
            .withUid(UUID.randomUUID().toString());
    ownerUid.ifPresent(
        uid ->
            meta.addToOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion("runtime.wasmcloud.dev/v1alpha1")
                    .withKind("WorkloadReplicaSet")
                    .withName("rs")
                    .withUid(uid)
                    .withController(true)
                    .build()));
    Workload w = new Workload();
    w.setMetadata(meta.build());
    w.setSpec(new WorkloadSpec());
    return client.resource(w).create();
  }

  private void writeHost(Workload w, String hostId) {
    WorkloadStatus s = new WorkloadStatus();
    s.setHostId(hostId);
    w.setStatus(s);
    client.resource(w).updateStatus();
  }

  private void host(String id) {
    Host h = new Host();
    h.setMetadata(new ObjectMetaBuilder().withName("host-" + id).withNamespace("hosts").build());
    h.setHostId(id);
    HostStatus s = new HostStatus();
    Conditions.set(
        s,
        Conditions.of(ConditionTypes.READY, ConditionStatus.TRUE, null, null, 1L, Instant.now()));
    h.setStatus(s);
    client.resource(h).createOr(x -> x.update());
  }
}
