package virga.bench.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.ConditionedStatus;
import virga.crds.v1alpha1.Finalizers;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.Labels;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadDeployment;
import virga.testsupport.Namespaces;

/**
 * What the operator runs see of a cluster: the API server's objects (namespaces, host Pods, Hosts,
 * WorkloadDeployments of the hello component, Workloads) and the real host processes, numbered
 * {@code FAILOVER_HOST_<n>} with IP {@code 10.77.0.<n>} in host group {@value #GROUP}.
 */
final class BenchCluster {
  static final String HOST_NS = "virga-system";
  static final String APPS = "bench";
  static final String GROUP = "bench-cluster";

  final KubernetesClient client;
  final ControlBus bus;
  final HostProcesses hosts;
  private final Path image;
  private final Path logs;
  final List<String> live = new ArrayList<>();
  private final Map<String, Pod> podOf = new HashMap<>();
  private int next = 1;

  BenchCluster(
      KubernetesClient client, ControlBus bus, HostProcesses hosts, Path image, Path logs) {
    this.client = client;
    this.logs = logs;
    this.bus = bus;
    this.hosts = hosts;
    this.image = image;
  }

  /** Namespaces and the service accounts the API server wants for Pods. */
  void prepare() {
    Namespaces.create(client, HOST_NS, APPS);
  }

  /** Starts a host process and its Pod (with the operator's finalizer and the host's IP). */
  String addHost() throws Exception {
    int n = next++;
    String id = "FAILOVER_HOST_" + n;
    String ip = "10.77.0." + n;
    bus.forget(id);
    hosts.start(id, ip, GROUP, List.of());
    bus.awaitAnswering(id, Duration.ofSeconds(60), hosts.alive(id));
    live.add(id);
    podOf.put(id, hostPod("host-" + n, ip));
    return id;
  }

  /** The Pod of a host, forgotten here (the caller deletes it). */
  Pod takePod(String hostId) {
    return podOf.remove(hostId);
  }

  private Pod hostPod(String name, String ip) throws InterruptedException {
    Pod pod =
        client
            .pods()
            .inNamespace(HOST_NS)
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withLabels(Map.of(Labels.POD_HOSTGROUP, GROUP))
                    .endMetadata()
                    .withNewSpec()
                    .withAutomountServiceAccountToken(false)
                    .addNewContainer()
                    .withName("host")
                    .withImage("ghcr.io/wasmcloud/wash:2")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    await(
        "the operator's finalizer on pod " + name,
        Duration.ofSeconds(60),
        () -> {
          Pod p = client.resource(pod).get();
          return p.getMetadata().getFinalizers() != null
              && p.getMetadata().getFinalizers().contains(Finalizers.POD_HOST);
        });
    Pod withIp = client.resource(pod).get();
    withIp.getStatus().setPodIP(ip);
    return client.resource(withIp).updateStatus();
  }

  void awaitHostsReady(Duration timeout) throws InterruptedException {
    await(
        live.size() + " Hosts Ready",
        timeout,
        () -> {
          List<Host> all = client.resources(Host.class).inNamespace(HOST_NS).list().getItems();
          return live.stream()
              .allMatch(
                  id ->
                      all.stream()
                          .anyMatch(h -> id.equals(h.getHostId()) && isReady(h.getStatus())));
        });
  }

  boolean hostObjectGone(String hostId) {
    return client.resources(Host.class).inNamespace(HOST_NS).list().getItems().stream()
        .noneMatch(h -> hostId.equals(h.getHostId()));
  }

  void createDeployment(String name) {
    client
        .resource(Serialization.unmarshal(yaml(name), WorkloadDeployment.class))
        .inNamespace(APPS)
        .create();
  }

  /**
   * Every WorkloadDeployment Ready, and exactly {@code count} live Workloads, all Ready, none on
   * {@code avoid} (null: anywhere).
   */
  boolean allReadyAvoiding(int count, String avoid) {
    List<WorkloadDeployment> ds =
        client.resources(WorkloadDeployment.class).inNamespace(APPS).list().getItems();
    if (ds.size() != count || !ds.stream().allMatch(d -> isReady(d.getStatus()))) {
      return false;
    }
    List<Workload> ws = workloads();
    return ws.size() == count
        && ws.stream()
            .allMatch(
                w ->
                    isReady(w.getStatus())
                        && w.getStatus().getHostId() != null
                        && !w.getStatus().getHostId().equals(avoid));
  }

  List<Workload> workloads() {
    return client.resources(Workload.class).inNamespace(APPS).list().getItems().stream()
        .filter(w -> w.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  int replicasOn(String hostId) {
    return (int)
        workloads().stream()
            .filter(w -> w.getStatus() != null && hostId.equals(w.getStatus().getHostId()))
            .count();
  }

  /** Replicas per host id, e.g. {@code {FAILOVER_HOST_1=3,FAILOVER_HOST_2=3}}. */
  String spread() {
    Map<String, Integer> by = new TreeMap<>();
    for (Workload w : workloads()) {
      String on = w.getStatus() == null ? "none" : String.valueOf(w.getStatus().getHostId());
      by.merge(on, 1, Integer::sum);
    }
    return by.toString().replace(" ", "");
  }

  /**
   * Writes the Events of the apps' namespace so far, oldest first, to {@code
   * <logs>/events-<name>.txt}: what the operator did between the figures.
   */
  void writeEvents(String name) throws IOException {
    StringBuilder b = new StringBuilder();
    client.v1().events().inNamespace(APPS).list().getItems().stream()
        .sorted(
            Comparator.comparing(
                (Event e) ->
                    e.getLastTimestamp() != null
                        ? e.getLastTimestamp()
                        : String.valueOf(
                            e.getEventTime() == null ? "" : e.getEventTime().getTime())))
        .forEach(
            e ->
                b.append(e.getLastTimestamp() != null ? e.getLastTimestamp() : e.getEventTime())
                    .append(' ')
                    .append(e.getInvolvedObject().getName())
                    .append(' ')
                    .append(e.getReason())
                    .append(": ")
                    .append(e.getMessage())
                    .append('\n'));
    Files.writeString(logs.resolve("events-" + name + ".txt"), b.toString());
  }

  /** One replica of the hello component, routed by {@code Host: <name>.localhost}. */
  private String yaml(String name) {
    return "apiVersion: runtime.wasmcloud.dev/v1alpha1\n"
        + "kind: WorkloadDeployment\n"
        + "metadata: { name: "
        + name
        + " }\n"
        + "spec:\n"
        + "  replicas: 1\n"
        + "  template:\n"
        + "    spec:\n"
        + "      hostSelector: { hostgroup: "
        + GROUP
        + " }\n"
        + "      hostInterfaces:\n"
        + "        - namespace: wasi\n"
        + "          package: http\n"
        + "          interfaces: [incoming-handler]\n"
        + "          config: { host: "
        + name
        + ".localhost }\n"
        + "      components:\n"
        + "        - name: hello\n"
        + "          image: "
        + image.toAbsolutePath()
        + "\n";
  }

  static boolean isReady(Object status) {
    return status instanceof ConditionedStatus s
        && s.getConditions() != null
        && s.getConditions().stream()
            .anyMatch(
                c -> ConditionTypes.READY.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static void await(String what, Duration timeout, BooleanSupplier done)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
