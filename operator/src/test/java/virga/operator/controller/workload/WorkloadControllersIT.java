package virga.operator.controller.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static virga.operator.testing.FakeHost.wit;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.crds.v1alpha1.Artifact;
import virga.crds.v1alpha1.ArtifactSpec;
import virga.crds.v1alpha1.ArtifactStatus;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.HostStatus;
import virga.crds.v1alpha1.RuntimeApi;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadDeployment;
import virga.crds.v1alpha1.WorkloadReplicaSet;
import virga.operator.WorkloadControllers;
import virga.operator.conditions.Conditions;
import virga.operator.controller.WorkloadSettings;
import virga.operator.events.KubernetesEventRecorder;
import virga.operator.hosts.HeartbeatListener;
import virga.operator.hosts.HostApi;
import virga.operator.hosts.HostClient;
import virga.operator.hosts.HostRegistry;
import virga.operator.hosts.HostTimeouts;
import virga.operator.testing.FakeHost;
import virga.protocol.HostCommand;
import virga.protocol.v2.WorkloadStartRequest;
import virga.protocol.v2.WorkloadState;
import virga.testsupport.KubeApiServerExtension;
import virga.testsupport.NatsServerExtension;

/**
 * The three controllers on a real kube-apiserver + etcd and a real nats-server, with FakeHosts
 * speaking the wasmCloud protocol. Hosts are registered here as Ready Host objects (the Host
 * controller is tested on its own); there is no garbage collector, so children are deleted
 * explicitly where a cluster would cascade.
 */
@Timeout(120)
@SuppressWarnings("try")
class WorkloadControllersIT {
  private static final String HOSTS_NS = "virga-hosts";
  private static final String SECRET_VALUE = "s3cr3t-hunter2";

  @RegisterExtension static KubeApiServerExtension kube = new KubeApiServerExtension();
  @RegisterExtension static NatsServerExtension nats = new NatsServerExtension();

  private static KubernetesClient client;
  private static Operator operator;
  private static Connection operatorConn;
  private static Connection hostConn;
  private static HeartbeatListener listener;

  private final List<FakeHost> fakeHosts = new CopyOnWriteArrayList<>();
  private String ns;

  @BeforeAll
  static void startOperator() throws Exception {
    client = kube.client();
    kube.server().applyCrdResources(RuntimeApi.CRD_RESOURCES);
    client.namespaces().resource(namespace(HOSTS_NS)).create();
    operatorConn = Nats.connect(nats.url());
    hostConn = Nats.connect(nats.url());
    HostRegistry registry = new HostRegistry();
    listener = new HeartbeatListener(operatorConn, registry).start();
    HostClient hostClient =
        new HostClient(
            operatorConn,
            new HostTimeouts(
                Duration.ofSeconds(2),
                Duration.ofSeconds(8),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2)));
    WorkloadSettings settings =
        WorkloadSettings.defaults(HOSTS_NS)
            .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(2));
    operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false));
    WorkloadControllers.register(
        operator,
        new WorkloadControllers.Deps(
            HostApi.of(hostClient),
            registry,
            new KubernetesEventRecorder(client, Clock.systemUTC()),
            settings));
    operator.start();
  }

  @AfterAll
  static void stopOperator() throws Exception {
    if (operator != null) {
      operator.stop();
    }
    if (listener != null) {
      listener.close();
    }
    if (operatorConn != null) {
      operatorConn.close();
    }
    if (hostConn != null) {
      hostConn.close();
    }
  }

  @BeforeEach
  void namespaceForTheTest() {
    ns = "t-" + UUID.randomUUID().toString().substring(0, 8);
    client.namespaces().resource(namespace(ns)).create();
  }

  @AfterEach
  void closeHosts() {
    fakeHosts.forEach(FakeHost::close);
  }

  // ---- flows ----

  @Test
  void aDeploymentIsPlacedAndReadyWithConfigInPrecedenceOrderOnTheHost() throws Exception {
    FakeHost host = host("a");
    configMap("cm1", Map.of("a", "cm1", "b", "cm1", "c", "cm1"));
    configMap("cm2", Map.of("b", "cm2", "c", "cm2"));
    secret("sec", Map.of("c", SECRET_VALUE));
    artifact("app-artifact", "ghcr.io/example/app:1.0");
    apply(
        deploymentYaml("hello", 1)
            .replace("IMAGE", "artifact://app")
            .replace(
                "ARTIFACTS",
                "  artifacts:\n    - name: app\n      artifactFrom: { name: app-artifact }\n"));

    awaitReady("hello");

    assertThat(host.startRequests()).hasSize(1);
    WorkloadStartRequest start = host.startRequests().get(0);
    var hi = start.getWorkload().getWitWorld().getHostInterfaces(0);
    assertThat(hi.getConfigMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("a", "cm1", "b", "cm2", "c", SECRET_VALUE, "z", "inline"));
    var component = start.getWorkload().getWitWorld().getComponents(0);
    assertThat(component.getImage()).isEqualTo("ghcr.io/example/app:1.0");
    assertThat(component.getLocalResources().getEnvironmentMap())
        .containsEntry("c", SECRET_VALUE)
        .containsEntry("b", "cm2");
    Workload w = workloads().get(0);
    assertThat(start.getWorkloadId()).isEqualTo(w.getMetadata().getUid());
    assertThat(w.getStatus().getHostId()).isEqualTo(host.id());
    assertThat(w.getMetadata().getLabels())
        .containsEntry("runtime.wasmcloud.dev/workload-deployment", "hello");
    WorkloadDeployment d = deployment("hello");
    assertThat(d.getStatus().getSelector())
        .isEqualTo("runtime.wasmcloud.dev/workload-deployment=hello");
    assertThat(d.getStatus().getCurrentReplicas()).isEqualTo(1);
    assertNoSecretValueInStatusOrEvents();
  }

  @Test
  void scalesOneToFiveToTwoThroughSpecAndTheScaleSubresource() throws Exception {
    FakeHost a = host("a");
    FakeHost b = host("b");
    defaultConfig();
    apply(deploymentYaml("web", 1).replace("IMAGE", "ghcr.io/example/web:1"));
    awaitReady("web");

    client
        .resources(WorkloadDeployment.class)
        .inNamespace(ns)
        .withName("web")
        .edit(
            d -> {
              d.getSpec().setReplicas(5);
              return d;
            });
    await(
        "5 ready replicas",
        () ->
            deployment("web").getStatus().getReplicas() != null
                && deployment("web").getStatus().getReplicas().getReady() == 5
                && isReady(deployment("web")));
    assertThat(a.workloads().size() + b.workloads().size()).isEqualTo(5);
    assertThat(Math.abs(a.workloads().size() - b.workloads().size()))
        .as("replicas are spread")
        .isLessThanOrEqualTo(1);

    client.resources(WorkloadDeployment.class).inNamespace(ns).withName("web").scale(2);
    await(
        "2 replicas after /scale",
        () -> deployment("web").getStatus().getCurrentReplicas() == 2 && workloads().size() == 2);
    await("3 stopped on the hosts", () -> a.workloads().size() + b.workloads().size() == 2);
    assertThat(deployment("web").getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void aRollingUpdateKeepsTheOldReplicasUntilTheNewOnesAreReady() throws Exception {
    FakeHost host = host("a");
    defaultConfig();
    apply(deploymentYaml("roll", 2).replace("IMAGE", "ghcr.io/example/roll:1"));
    awaitReady("roll");
    String firstRs = deployment("roll").getStatus().getCurrentReplicaSet().getName();

    host.startDelay(Duration.ofSeconds(4));
    apply(deploymentYaml("roll", 2).replace("IMAGE", "ghcr.io/example/roll:2"));
    await(
        "a new replica set",
        () -> !firstRs.equals(deployment("roll").getStatus().getCurrentReplicaSet().getName()));
    WorkloadDeployment during = deployment("roll");
    assertThat(during.getStatus().getPreviousReplicaSet().getName()).isEqualTo(firstRs);
    assertThat(replicaSetNames()).contains(firstRs);
    assertThat(runningImages(host)).containsOnly("ghcr.io/example/roll:1").hasSize(2);

    await("the old set is gone", () -> !replicaSetNames().contains(firstRs));
    assertThat(isReady(replicaSet(deployment("roll").getStatus().getCurrentReplicaSet().getName())))
        .isTrue();
    await(
        "only new images run",
        () ->
            runningImages(host)
                .equals(List.of("ghcr.io/example/roll:2", "ghcr.io/example/roll:2")));
    host.startDelay(Duration.ZERO);
  }

  @Test
  void recreateDropsThePreviousSetAtOnce() throws Exception {
    FakeHost host = host("a");
    defaultConfig();
    apply(
        deploymentYaml("rec", 1)
            .replace("IMAGE", "ghcr.io/example/rec:1")
            .replace("ARTIFACTS", "  deployPolicy: Recreate\n"));
    awaitReady("rec");
    String firstRs = deployment("rec").getStatus().getCurrentReplicaSet().getName();

    host.startDelay(Duration.ofSeconds(4));
    apply(
        deploymentYaml("rec", 1)
            .replace("IMAGE", "ghcr.io/example/rec:2")
            .replace("ARTIFACTS", "  deployPolicy: Recreate\n"));
    await("the old set is gone", () -> !replicaSetNames().contains(firstRs));
    String current = deployment("rec").getStatus().getCurrentReplicaSet().getName();
    assertThat(isReady(replicaSet(current))).as("dropped before the new set is ready").isFalse();
    assertThat(deployment("rec").getStatus().getPreviousReplicaSet()).isNull();
    awaitReady("rec");
    host.startDelay(Duration.ZERO);
  }

  @Test
  void aConfigMapEditReachesTheHostWithinFiveSeconds() throws Exception {
    FakeHost host = host("a");
    configMap("cm1", Map.of("a", "v1"));
    configMap("cm2", Map.of());
    secret("sec", Map.of());
    apply(deploymentYaml("cfg", 1).replace("IMAGE", "ghcr.io/example/cfg:1"));
    awaitReady("cfg");
    String uid = workloads().get(0).getMetadata().getUid();

    Instant edited = Instant.now();
    configMap("cm1", Map.of("a", "v2"));
    await(
        "the new value on the host",
        () ->
            host.startRequests().stream()
                .anyMatch(
                    s ->
                        "v2"
                            .equals(
                                s.getWorkload()
                                    .getWitWorld()
                                    .getHostInterfaces(0)
                                    .getConfigMap()
                                    .get("a"))));
    assertThat(Duration.between(edited, Instant.now())).isLessThan(Duration.ofSeconds(5));
    assertThat(host.workloads()).containsOnlyKeys(uid);
    awaitReady("cfg");
    // no live-config label: today's stop-and-start, and no workload.config
    assertThat(host.count(HostCommand.WORKLOAD_STOP)).isEqualTo(1);
    assertThat(host.startRequests()).hasSize(2);
    assertThat(host.count(HostCommand.WORKLOAD_CONFIG)).isZero();
  }

  @Test
  void aHostWithTheLiveConfigLabelGetsTheEditWithoutARestartWithinFiveSeconds() throws Exception {
    FakeHost host = host("a", true);
    configMap("cm1", Map.of("a", "v1"));
    configMap("cm2", Map.of());
    secret("sec", Map.of());
    apply(deploymentYaml("live", 1).replace("IMAGE", "ghcr.io/example/live:1"));
    awaitReady("live");
    String uid = workloads().get(0).getMetadata().getUid();

    Instant edited = Instant.now();
    configMap("cm1", Map.of("a", "v2"));
    await(
        "the new value applied on the host",
        () ->
            host.current(uid)
                .map(r -> r.getWorkload().getWitWorld().getHostInterfaces(0).getConfigMap())
                .map(c -> "v2".equals(c.get("a")))
                .orElse(false));
    assertThat(Duration.between(edited, Instant.now())).isLessThan(Duration.ofSeconds(5));
    await(
        "a ConfigUpdated event",
        () ->
            client.v1().events().inNamespace(ns).list().getItems().stream()
                .anyMatch(
                    e -> "Normal".equals(e.getType()) && "ConfigUpdated".equals(e.getReason())));
    Thread.sleep(2000); // several 1 s passes: nothing else may follow the update
    assertThat(host.configRequests()).hasSize(1);
    assertThat(host.configRequests().get(0).getWorkloadId()).isEqualTo(uid);
    assertThat(host.count(HostCommand.WORKLOAD_STOP)).isZero();
    assertThat(host.startRequests()).hasSize(1);
    assertThat(host.state(uid)).contains(WorkloadState.WORKLOAD_STATE_RUNNING);
    assertThat(isReady(deployment("live"))).isTrue();
  }

  @Test
  void aRefusedLiveConfigUpdateFallsBackToStopAndStart() throws Exception {
    FakeHost host = host("a", true).failConfigUpdates("component imports no wasi:config");
    configMap("cm1", Map.of("a", "v1"));
    configMap("cm2", Map.of());
    secret("sec", Map.of());
    apply(deploymentYaml("fallback", 1).replace("IMAGE", "ghcr.io/example/fallback:1"));
    awaitReady("fallback");

    configMap("cm1", Map.of("a", "v2"));
    await("restarted", () -> host.startRequests().size() == 2);
    awaitReady("fallback");
    assertThat(host.configRequests()).hasSize(1);
    assertThat(host.count(HostCommand.WORKLOAD_STOP)).isEqualTo(1);
    assertThat(
            host.startRequests()
                .get(1)
                .getWorkload()
                .getWitWorld()
                .getHostInterfaces(0)
                .getConfigMap())
        .containsEntry("a", "v2");
  }

  @Test
  void aStartTheHostRefusesIsPlacementFalseWithItsMessageAndAWarning() throws Exception {
    FakeHost host = host("a").failStarts("pull ghcr.io/example/nope:1: manifest unknown");
    defaultConfig();
    apply(workloadYaml("nope", "ghcr.io/example/nope:1"));

    String message =
        "host "
            + host.id()
            + " failed to start the workload: "
            + "pull ghcr.io/example/nope:1: manifest unknown";
    await(
        "Placement=False",
        () -> Conditions.isFalse(workload("nope").getStatus(), ConditionTypes.PLACEMENT));
    Workload w = workload("nope");
    assertThat(Conditions.find(w.getStatus(), ConditionTypes.PLACEMENT).get().getMessage())
        .isEqualTo(message);
    assertThat(w.getStatus().getWorkloadId()).isNull();
    await("a StartFailed warning", () -> hasEvent("Warning", "StartFailed", message));

    host.failStarts(null);
    await("Ready", () -> Conditions.isTrue(workload("nope").getStatus(), ConditionTypes.READY));
    assertThat(workload("nope").getStatus().getWorkloadId()).isEqualTo(w.getMetadata().getUid());
  }

  @Test
  void syncCarriesTheHostsMessageWhenAServiceGivesUp() throws Exception {
    FakeHost host = host("a");
    defaultConfig();
    apply(workloadYaml("svc", "ghcr.io/example/svc:1"));
    await("Ready", () -> Conditions.isTrue(workload("svc").getStatus(), ConditionTypes.READY));
    String uid = workload("svc").getMetadata().getUid();

    host.report(uid, WorkloadState.WORKLOAD_STATE_ERROR, "service exhausted its restart budget");
    String message =
        "workload is not operational: WORKLOAD_STATE_ERROR: service exhausted its restart budget";
    await(
        "Sync=False with the host's message",
        () ->
            Conditions.find(workload("svc").getStatus(), ConditionTypes.SYNC)
                .map(c -> "False".equals(c.getStatus()) && message.equals(c.getMessage()))
                .orElse(false));
    assertThat(Conditions.isFalse(workload("svc").getStatus(), ConditionTypes.READY)).isTrue();
    await("a NotOperational warning", () -> hasEvent("Warning", "NotOperational", message));
  }

  @Test
  void workloadsOfAHostThatIsGoneAreReplacedOnAnotherHost() throws Exception {
    FakeHost a = host("a");
    defaultConfig();
    apply(deploymentYaml("move", 1).replace("IMAGE", "ghcr.io/example/move:1"));
    awaitReady("move");
    FakeHost b = host("b");

    // the Host controller deletes a Host that stopped heartbeating; here we do it directly
    a.heartbeating(false);
    client.resources(Host.class).inNamespace(HOSTS_NS).withName(a.id()).delete();

    await("running on b", () -> b.workloads().size() == 1 && isReady(deployment("move")));
    assertThat(workloads()).hasSize(1);
    assertThat(workloads().get(0).getStatus().getHostId()).isEqualTo(b.id());
    assertThat(a.workloads()).as("the old one was stopped").isEmpty();
  }

  @Test
  void deletingADeploymentStopsItsWorkloadsAndClearsFinalizers() throws Exception {
    FakeHost host = host("a");
    defaultConfig();
    apply(deploymentYaml("bye", 2).replace("IMAGE", "ghcr.io/example/bye:1"));
    awaitReady("bye");
    assertThat(host.workloads()).hasSize(2);

    client.resources(WorkloadDeployment.class).inNamespace(ns).withName("bye").delete();
    // no garbage collector here: delete what a cluster would cascade to
    client.resources(WorkloadReplicaSet.class).inNamespace(ns).delete();
    client.resources(Workload.class).inNamespace(ns).delete();

    await("workloads gone", () -> workloads().isEmpty() && allWorkloadsGone());
    assertThat(host.workloads()).isEmpty();
    assertThat(host.requests().stream().filter(r -> r.subject().endsWith("workload.stop")))
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void missingConfigMapsAndBadManifestsGiveClearConditionsAndEvents() throws Exception {
    host("a");
    configMap("cm1", Map.of());
    secret("sec", Map.of());
    apply(deploymentYaml("broken", 1).replace("IMAGE", "ghcr.io/example/broken:1"));

    await(
        "Config=False on the workload",
        () ->
            !workloads().isEmpty()
                && Conditions.isFalse(workloads().get(0).getStatus(), ConditionTypes.CONFIG));
    Workload w = workloads().get(0);
    assertThat(Conditions.find(w.getStatus(), ConditionTypes.CONFIG).get().getMessage())
        .isEqualTo("ConfigMap " + ns + "/cm2 not found");
    await(
        "a Warning event",
        () ->
            client.v1().events().inNamespace(ns).list().getItems().stream()
                .anyMatch(
                    e ->
                        "Warning".equals(e.getType())
                            && "ConfigNotFound".equals(e.getReason())
                            && e.getMessage().contains("cm2")));
    assertThat(isReady(deployment("broken"))).isFalse();

    configMap("cm2", Map.of("b", "late"));
    awaitReady("broken");

    apply(deploymentYaml("noart", 1).replace("IMAGE", "artifact://nowhere"));
    await("Artifact=False", () -> Conditions.isFalse(deployment("noart").getStatus(), "Artifact"));
    assertThat(Conditions.find(deployment("noart").getStatus(), "Artifact").get().getMessage())
        .isEqualTo("image artifact://nowhere is not in spec.artifacts");

    assertThatThrownBy(
            () ->
                apply(
                    "apiVersion: runtime.wasmcloud.dev/v1alpha1\nkind: WorkloadDeployment\n"
                        + "metadata: { name: notemplate }\nspec: { replicas: 1 }\n"))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422));
    assertNoSecretValueInStatusOrEvents();
  }

  // ---- helpers ----

  private FakeHost host(String suffix) {
    return host(suffix, false);
  }

  // the Host object's labels are the heartbeat's, as the Host controller copies them
  private FakeHost host(String suffix, boolean liveConfig) {
    String id = ns + "-" + suffix;
    FakeHost.Builder b =
        FakeHost.builder(id)
            .label("hostgroup", ns)
            .imports(wit("wasi:config/store@0.2.0-rc.1"))
            .heartbeatInterval(Duration.ofMillis(500));
    if (liveConfig) {
      b.liveConfig();
    }
    FakeHost h = b.start(hostConn);
    fakeHosts.add(h);
    Host cr = new Host();
    cr.setMetadata(
        new ObjectMetaBuilder()
            .withName(id)
            .withNamespace(HOSTS_NS)
            .addToLabels(h.heartbeat().getLabelsMap())
            .build());
    cr.setHostId(id);
    cr.setHostname("127.0.0.1");
    Host created = client.resource(cr).create();
    HostStatus s = new HostStatus();
    s.setVersion("fake");
    s.setOsName("linux");
    s.setOsArch("amd64");
    s.setOsKernel("6");
    s.setSystemCPUUsage("5");
    s.setSystemMemoryTotal(8L << 30);
    s.setSystemMemoryFree(6L << 30);
    Conditions.set(
        s,
        Conditions.of(
            ConditionTypes.READY, ConditionStatus.TRUE, "Available", null, 1L, Instant.now()));
    created.setStatus(s);
    client.resource(created).updateStatus();
    return h;
  }

  private void artifact(String name, String url) {
    Artifact a = new Artifact();
    a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    ArtifactSpec spec = new ArtifactSpec();
    spec.setImage(url);
    a.setSpec(spec);
    Artifact created = client.resource(a).create();
    ArtifactStatus s = new ArtifactStatus();
    s.setArtifactUrl(url);
    Conditions.set(
        s,
        Conditions.of(
            ConditionTypes.PUBLISHED, ConditionStatus.TRUE, "Available", null, 1L, Instant.now()));
    created.setStatus(s);
    client.resource(created).updateStatus();
  }

  private String deploymentYaml(String name, int replicas) {
    return ("apiVersion: runtime.wasmcloud.dev/v1alpha1\n"
            + "kind: WorkloadDeployment\n"
            + "metadata: { name: NAME }\n"
            + "spec:\n"
            + "  replicas: REPLICAS\n"
            + "ARTIFACTS"
            + "  template:\n"
            + "    spec:\n"
            + "      hostSelector: { hostgroup: NS }\n"
            + "      hostInterfaces:\n"
            + "        - namespace: wasi\n"
            + "          package: config\n"
            + "          version: 0.2.0-rc.1\n"
            + "          interfaces: [store]\n"
            + "          config: { a: inline, z: inline }\n"
            + "          configFrom: [ { name: cm1 }, { name: cm2 } ]\n"
            + "          secretFrom: [ { name: sec } ]\n"
            + "      components:\n"
            + "        - name: app\n"
            + "          image: IMAGE\n"
            + "          localResources:\n"
            + "            environment:\n"
            + "              configFrom: [ { name: cm2 } ]\n"
            + "              secretFrom: [ { name: sec } ]\n")
        .replace("NAME", name)
        .replace("REPLICAS", Integer.toString(replicas))
        .replace("NS", ns);
  }

  // a bare Workload: no ReplicaSet replaces it while a test looks at its conditions
  private String workloadYaml(String name, String image) {
    String deployment = deploymentYaml(name, 1);
    String spec = deployment.substring(deployment.indexOf("    spec:\n") + "    spec:\n".length());
    return "apiVersion: runtime.wasmcloud.dev/v1alpha1\nkind: Workload\n"
        + "metadata: { name: "
        + name
        + " }\nspec:\n"
        + spec.replace("IMAGE", image).replaceAll("(?m)^    ", "  ");
  }

  private Workload workload(String name) {
    return client.resources(Workload.class).inNamespace(ns).withName(name).get();
  }

  private boolean hasEvent(String type, String reason, String message) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .anyMatch(
            e ->
                type.equals(e.getType())
                    && reason.equals(e.getReason())
                    && message.equals(e.getMessage()));
  }

  private void apply(String yaml) {
    if (yaml.contains("kind: Workload\n")) {
      Workload w = Serialization.unmarshal(yaml, Workload.class);
      w.getMetadata().setNamespace(ns);
      client.resource(w).createOr(op -> op.update());
      return;
    }
    WorkloadDeployment d =
        Serialization.unmarshal(yaml.replace("ARTIFACTS", ""), WorkloadDeployment.class);
    d.getMetadata().setNamespace(ns);
    client.resource(d).createOr(op -> op.update());
  }

  private void defaultConfig() {
    configMap("cm1", Map.of());
    configMap("cm2", Map.of());
    secret("sec", Map.of());
  }

  private void configMap(String name, Map<String, String> data) {
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withData(data)
                .build())
        .createOr(op -> op.update());
  }

  private void secret(String name, Map<String, String> plain) {
    SecretBuilder b =
        new SecretBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata();
    plain.forEach(
        (k, v) ->
            b.addToData(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    client.resource(b.build()).createOr(op -> op.update());
  }

  private WorkloadDeployment deployment(String name) {
    return client.resources(WorkloadDeployment.class).inNamespace(ns).withName(name).get();
  }

  private WorkloadReplicaSet replicaSet(String name) {
    return client.resources(WorkloadReplicaSet.class).inNamespace(ns).withName(name).get();
  }

  private List<String> replicaSetNames() {
    return client.resources(WorkloadReplicaSet.class).inNamespace(ns).list().getItems().stream()
        .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null)
        .map(rs -> rs.getMetadata().getName())
        .toList();
  }

  private List<Workload> workloads() {
    return client.resources(Workload.class).inNamespace(ns).list().getItems().stream()
        .filter(w -> w.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private boolean allWorkloadsGone() {
    return client.resources(Workload.class).inNamespace(ns).list().getItems().isEmpty();
  }

  // RUNNING only: a new replica still starting does not count yet
  private static List<String> runningImages(FakeHost host) {
    List<String> out = new ArrayList<>();
    for (var slot : host.workloads().entrySet()) {
      if (slot.getValue() != WorkloadState.WORKLOAD_STATE_RUNNING) {
        continue;
      }
      String id = slot.getKey();
      host.startRequests().stream()
          .filter(s -> s.getWorkloadId().equals(id))
          .reduce((x, y) -> y)
          .ifPresent(s -> out.add(s.getWorkload().getWitWorld().getComponents(0).getImage()));
    }
    return out;
  }

  private static boolean isReady(io.fabric8.kubernetes.client.CustomResource<?, ?> r) {
    return r != null
        && r.getStatus() instanceof virga.crds.v1alpha1.ConditionedStatus s
        && Conditions.isTrue(s, ConditionTypes.READY);
  }

  private void awaitReady(String name) throws InterruptedException {
    await(name + " Ready", () -> isReady(deployment(name)));
  }

  private void assertNoSecretValueInStatusOrEvents() {
    String everything =
        Serialization.asYaml(client.resources(Workload.class).inNamespace(ns).list())
            + Serialization.asYaml(
                client.resources(WorkloadReplicaSet.class).inNamespace(ns).list())
            + Serialization.asYaml(
                client.resources(WorkloadDeployment.class).inNamespace(ns).list())
            + Serialization.asYaml(client.v1().events().inNamespace(ns).list());
    assertThat(everything).doesNotContain(SECRET_VALUE);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
    while (Instant.now().isBefore(deadline)) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // not there yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }
}
