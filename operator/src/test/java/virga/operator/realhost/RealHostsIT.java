package virga.operator.realhost;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.crds.v1alpha1.Condition;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.ConditionedStatus;
import virga.crds.v1alpha1.Finalizers;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.Labels;
import virga.crds.v1alpha1.RuntimeApi;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadDeployment;
import virga.crds.v1alpha1.WorkloadReplicaSet;
import virga.operator.OperatorConfig;
import virga.operator.VirgaOperator;
import virga.operator.conditions.Conditions;
import virga.operator.controller.host.HostSettings;
import virga.operator.hosts.HostTimeouts;
import virga.testsupport.DockerRegistry;
import virga.testsupport.KubeApiServerExtension;
import virga.testsupport.NatsServerExtension;

/**
 * The whole {@link VirgaOperator} on a real kube-apiserver + etcd and a real nats-server, with
 * three REAL hosts: {@code bin/host cluster} processes (the shaded CLI jar, {@link HostProcesses})
 * that register themselves by heartbeat, run the examples' Wasm components and serve them on their
 * HTTP ingress. Timing as in {@code FailoverIT}: host heartbeat 1 s, heartbeat TTL 3 s, host
 * interval 1 s (hence Workload interval 1 s and ReplicaSet unhealthy grace 3 s). The methods run in
 * order because the last two kill a host and restart NATS; each cleans up after itself.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealHostsIT {
  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();
  @RegisterExtension static final NatsServerExtension NATS = new NatsServerExtension();

  static final String HOSTS_NS = "virga-system";
  static final Duration HEARTBEAT = Duration.ofSeconds(1);
  static final Duration TTL = Duration.ofSeconds(3);
  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final Duration GRACE = TTL;
  static final List<String> IDS = List.of("realhost-h1", "realhost-h2", "realhost-h3");

  static final Path ROOT = HostProcesses.ROOT;
  static final Path CONFIG_INJECTION = ROOT.resolve("examples/config-injection");
  static final Path CRON = ROOT.resolve("examples/cron-service");

  /** {@code GET /} of the config-injection example (its README): the wasi:config view. */
  static final String CONFIG_VIEW =
      "API_KEY=s3cr3t-from-the-secret\n"
          + "APP_NAME=config-injection\n"
          + "LOG_LEVEL=info\n"
          + "ONLY_IN_INTERFACE=x\n"
          + "REGION=eu-west\n"
          + "UPSTREAM_URL=https://api.example.com\n";

  /** {@code GET /env}: the environment. */
  static final String ENV_VIEW =
      "API_KEY=s3cr3t-from-the-secret\n"
          + "APP_NAME=config-injection\n"
          + "LOG_LEVEL=info\n"
          + "UPSTREAM_URL=https://api.example.com\n";

  static KubernetesClient client;
  static VirgaOperator operator;
  static HostProcesses hosts;

  private String ns;

  @BeforeAll
  static void start() throws Exception {
    HostProcesses.cliJar(); // skips (or fails under CI) before anything starts
    client = KUBE.client();
    KUBE.server().applyCrdResources(RuntimeApi.CRD_RESOURCES);
    namespace(HOSTS_NS);
    OperatorConfig base =
        OperatorConfig.of(NATS.url(), HOSTS_NS)
            .withHostSettings(new HostSettings(TTL, INTERVAL))
            // a real host compiles the component before it answers a start
            .withHostTimeouts(
                new HostTimeouts(
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(5)));
    // the hosts report the whole machine's CPU, which on a shared 2-core box running the API
    // server, etcd and three host JVMs can pass the 80 % backpressure threshold: a host skipped
    // for it would make the spread below depend on the machine's load
    OperatorConfig config =
        new OperatorConfig(
            base.nats(),
            base.hostNamespace(),
            base.watchNamespaces(),
            base.leaderElect(),
            base.metricsBindAddress(),
            base.healthProbeBindAddress(),
            100,
            100,
            base.allowSharedHosts(),
            base.artifactController(),
            base.hostSettings(),
            base.hostTimeouts(),
            base.lease(),
            base.reconcileThreads());
    operator = VirgaOperator.start(config, client, Clock.systemUTC());
    hosts = HostProcesses.start(NATS.url(), HEARTBEAT, IDS.toArray(String[]::new));
    awaitHostsReady(IDS);
  }

  @AfterAll
  static void stop() {
    if (hosts != null) {
      hosts.close();
    }
    if (operator != null) {
      operator.close();
    }
  }

  @BeforeEach
  void testNamespace() {
    ns = "r-" + UUID.randomUUID().toString().substring(0, 8);
    namespace(ns);
  }

  @AfterEach
  void cleanUp() throws Exception {
    // no garbage collector here: take down what a cluster would cascade
    client.resources(WorkloadDeployment.class).inNamespace(ns).delete();
    client.resources(WorkloadReplicaSet.class).inNamespace(ns).delete();
    client.resources(Workload.class).inNamespace(ns).delete();
    await(
        "every Workload of " + ns + " stopped on its host and gone",
        Duration.ofSeconds(60),
        () ->
            client.resources(Workload.class).inNamespace(ns).list().getItems().isEmpty()
                && workloadsOnHosts() == 0);
  }

  // ---- 1. apply → Ready → HTTP through the ingress ----

  @Test
  @Order(1)
  void theConfigInjectionExampleIsReadyAndItsHostsIngressAnswersTheConfigMapAndSecretValues()
      throws Exception {
    applyConfigInjection("config.localhost", 1);
    awaitDeploymentReady("config-injection", 1);

    Workload w = workloads().get(0);
    assertThat(IDS).contains(w.getStatus().getHostId());
    assertThat(w.getStatus().getWorkloadId()).isEqualTo(w.getMetadata().getUid());
    RealHost on = hosts.get(w.getStatus().getHostId());
    assertThat(on.get("config.localhost", "/")).isEqualTo(new RealHost.Response(200, CONFIG_VIEW));
    assertThat(on.get("config.localhost", "/env")).isEqualTo(new RealHost.Response(200, ENV_VIEW));
    assertThat(on.get("other.localhost", "/").status()).isEqualTo(404);
    assertThat(on.metric("virga_workload_starts_total")).isEqualTo(1.0);
  }

  // ---- 2. ConfigMap edit → the new value over HTTP within 5 s, no restart ----

  @Test
  @Order(2)
  void aConfigMapEditIsServedWithinFiveSecondsByTheSameInstance() throws Exception {
    applyConfigInjection("live.localhost", 1);
    awaitDeploymentReady("config-injection", 1);
    Workload before = workloads().get(0);
    RealHost on = hosts.get(before.getStatus().getHostId());
    assertThat(on.get("live.localhost", "/").body()).isEqualTo(CONFIG_VIEW);
    double starts = on.metric("virga_workload_starts_total");
    double configs = on.metric("virga_cluster_commands_total", "command=\"workload.config\"");
    double stops = on.metric("virga_cluster_commands_total", "command=\"workload.stop\"");

    Instant edited = Instant.now();
    client
        .configMaps()
        .inNamespace(ns)
        .withName("app-config")
        .edit(
            cm -> {
              cm.getData().put("LOG_LEVEL", "error");
              return cm;
            });
    String updated = CONFIG_VIEW.replace("LOG_LEVEL=info", "LOG_LEVEL=error");
    await(
        "the new value over HTTP",
        Duration.ofSeconds(10),
        () -> updated.equals(on.get("live.localhost", "/").body()));
    Duration took = Duration.between(edited, Instant.now());
    System.out.println(
        "[RealHostsIT] ConfigMap edit served over HTTP after " + took.toMillis() + " ms");
    assertThat(took).isLessThan(Duration.ofSeconds(5));

    assertThat(on.metric("virga_workload_starts_total")).as("no restart").isEqualTo(starts);
    assertThat(on.metric("virga_cluster_commands_total", "command=\"workload.config\""))
        .isEqualTo(configs + 1);
    assertThat(on.metric("virga_cluster_commands_total", "command=\"workload.stop\""))
        .isEqualTo(stops);
    Workload after = workloads().get(0);
    assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
    assertThat(after.getStatus().getHostId()).isEqualTo(on.id());
    assertThat(after.getStatus().getWorkloadId()).isEqualTo(before.getStatus().getWorkloadId());
    await(
        "a ConfigUpdated event",
        Duration.ofSeconds(10),
        () ->
            client.v1().events().inNamespace(ns).list().getItems().stream()
                .anyMatch(
                    e -> "Normal".equals(e.getType()) && "ConfigUpdated".equals(e.getReason())));
  }

  // ---- 3. scale 1 → 3 → 1 over three hosts ----

  @Test
  @Order(3)
  void scalingOneToThreeSpreadsOverTheThreeHostsAndBackToOneStopsTwo() throws Exception {
    applyConfigInjection("scale.localhost", 1);
    awaitDeploymentReady("config-injection", 1);
    String first = workloads().get(0).getMetadata().getUid();

    scale("config-injection", 3);
    awaitDeploymentReady("config-injection", 3);
    List<Workload> three = workloads();
    assertThat(three.stream().map(w -> w.getStatus().getHostId()).collect(Collectors.toSet()))
        .as("one replica per host; Hosts: %s", hostFigures())
        .isEqualTo(Set.copyOf(IDS));
    for (String id : IDS) {
      assertThat(hosts.get(id).get("scale.localhost", "/"))
          .as("the ingress of " + id)
          .isEqualTo(new RealHost.Response(200, CONFIG_VIEW));
      assertThat(hosts.get(id).metric("virga_workloads", "state=\"running\"")).isEqualTo(1.0);
    }
    assertThat(three).extracting(w -> w.getMetadata().getUid()).contains(first);

    scale("config-injection", 1);
    await(
        "one replica left, two stopped on their hosts",
        Duration.ofSeconds(30),
        () -> workloads().size() == 1 && workloadsOnHosts() == 1);
    awaitDeploymentReady("config-injection", 1);
    String left = workloads().get(0).getStatus().getHostId();
    for (String id : IDS) {
      assertThat(hosts.get(id).get("scale.localhost", "/").status())
          .as("the ingress of " + id)
          .isEqualTo(id.equals(left) ? 200 : 404);
    }
  }

  // ---- 4. a service that exhausts its restart budget ----

  @Test
  @Order(4)
  void aServiceThatExhaustsItsRestartBudgetIsInTheWorkloadsSyncCondition() throws Exception {
    String yaml =
        Files.readString(CRON.resolve("workload-crashy.yaml"))
            .replace("./cron-service.wasm", CRON.resolve("cron-service.wasm").toString())
            .replace("./cron-component.wasm", CRON.resolve("cron-component.wasm").toString())
            .replace("maxRestarts: 3", "maxRestarts: 1")
            .replace(
                "CRASH_AFTER: \"3\"", "CRASH_AFTER: \"3\"\n              INTERVAL_MS: \"100\"");
    // a bare Workload: no ReplicaSet replaces it while the test reads its conditions
    createBareWorkload("crashy", Serialization.unmarshal(yaml, WorkloadDeployment.class));

    String message =
        "workload is not operational: WORKLOAD_STATE_ERROR: service crashed 2 times; restart"
            + " budget (1) exhausted: wasm trap: Trapped on unreachable instruction";
    await(
        "Sync=False with the host's message",
        Duration.ofSeconds(40),
        () ->
            Conditions.find(workload("crashy").getStatus(), ConditionTypes.SYNC)
                .map(c -> "False".equals(c.getStatus()) && message.equals(c.getMessage()))
                .orElse(false));
    assertThat(Conditions.isFalse(workload("crashy").getStatus(), ConditionTypes.READY)).isTrue();
    await(
        "a NotOperational warning",
        Duration.ofSeconds(10),
        () -> hasEvent("Warning", "NotOperational", message));
  }

  // ---- 5. an image that does not exist ----

  @Test
  @Order(5)
  void anImageThatDoesNotExistMakesPlacementFalseNamingThePath() throws Exception {
    String missing = CONFIG_INJECTION.resolve("does-not-exist.wasm").toString();
    String yaml =
        configInjectionYaml("missing.localhost", 1)
            .replace(CONFIG_INJECTION.resolve("config-injection.wasm").toString(), missing);
    WorkloadDeployment d = null;
    for (String doc : yaml.split("\n---\n")) {
      if (doc.contains("\nkind: WorkloadDeployment")) {
        d = Serialization.unmarshal(doc, WorkloadDeployment.class);
      } else {
        applyDoc(doc);
      }
    }
    createBareWorkload("missing", d);

    await(
        "Placement=False",
        Duration.ofSeconds(30),
        () -> Conditions.isFalse(workload("missing").getStatus(), ConditionTypes.PLACEMENT));
    Workload w = workload("missing");
    Condition placement = Conditions.find(w.getStatus(), ConditionTypes.PLACEMENT).orElseThrow();
    assertThat(placement.getMessage())
        .isEqualTo(
            "host "
                + w.getStatus().getHostId()
                + " failed to start the workload: failed to pull image for component"
                + " 'config-injection': image '"
                + missing
                + "': no such file "
                + missing);
    assertThat(w.getStatus().getWorkloadId()).isNull();
    assertThat(Conditions.isTrue(w.getStatus(), ConditionTypes.READY)).isFalse();
  }

  // ---- 6. a host killed without a word ----

  @Test
  @Order(6)
  void theWorkloadsOfAKilledHostAreReadyOnAnotherHostWithinTheDeadHostWindow() throws Exception {
    applyConfigInjection("failover.localhost", 1);
    awaitDeploymentReady("config-injection", 1);
    Workload placed = workloads().get(0);
    String victim = placed.getStatus().getHostId();
    String placedUid = placed.getMetadata().getUid();

    Instant killed = Instant.now();
    hosts.kill(victim);
    AtomicReference<Instant> hostGone = new AtomicReference<>();
    await(
        "Ready on another host, answering over its ingress",
        Duration.ofSeconds(60),
        () -> {
          if (hostGone.get() == null
              && client.resources(Host.class).inNamespace(HOSTS_NS).withName(victim).get()
                  == null) {
            hostGone.set(Instant.now());
          }
          List<Workload> ws = workloads();
          if (ws.size() != 1 || !isReady(ws.get(0)) || victim.equals(hostOf(ws.get(0)))) {
            return false;
          }
          return hosts.get(hostOf(ws.get(0))).get("failover.localhost", "/").status() == 200;
        });
    Duration took = Duration.between(killed, Instant.now());
    // the operator's dead-host window: a TTL without heartbeats and a Host pass (the Host is
    // deleted; its finalizer deletes its Workloads), bounded as well by the other way out (Sync not
    // True for the unhealthy grace), and a pass to place the replacement; then its start on the new
    // host (a compile: allow 5 s)
    Duration window = TTL.plus(INTERVAL).plus(GRACE).plus(INTERVAL);
    Duration bound = window.plus(Duration.ofSeconds(5));
    System.out.println(
        "[RealHostsIT] host killed -> Host deleted after "
            + (hostGone.get() == null ? "?" : Duration.between(killed, hostGone.get()).toMillis())
            + " ms, Ready elsewhere after "
            + took.toMillis()
            + " ms (dead-host window "
            + window.toMillis()
            + " ms + start)");
    assertThat(took).isLessThan(bound);

    Workload now = workloads().get(0);
    assertThat(now.getStatus().getHostId()).isNotEqualTo(victim).isIn(IDS);
    assertThat(hosts.get(now.getStatus().getHostId()).get("failover.localhost", "/"))
        .isEqualTo(new RealHost.Response(200, CONFIG_VIEW));
    assertThat(now.getMetadata().getUid())
        .as("the Host's finalizer deleted its Workload; the ReplicaSet made a new one")
        .isNotEqualTo(placedUid);

    // the same id comes back as the same host and is Ready again
    hosts.launch(victim);
    awaitHostsReady(IDS);
    assertThat(hosts.get(victim).metric("virga_workloads"))
        .as("a restarted host is empty")
        .isZero();
  }

  // ---- 7. NATS restarts ----

  @Test
  @Order(7)
  void aNatsRestartLosesAndDuplicatesNoWorkload() throws Exception {
    applyConfigInjection("nats.localhost", 3);
    awaitDeploymentReady("config-injection", 3);
    Map<String, String> placement = placements();
    assertThat(Set.copyOf(placement.values())).isEqualTo(Set.copyOf(IDS));
    double starts = sum("virga_workload_starts_total");

    NATS.server().stop();
    Thread.sleep(TTL.multipliedBy(2).toMillis()); // every host looks silent for two TTLs
    NATS.server().start();

    await(
        "the operator back on NATS",
        Duration.ofSeconds(30),
        () -> operator.busHealth().connected());
    awaitHostsReady(IDS);
    // a full window after reconnecting in which the operator could wrongly replace something
    Instant windowEnd = Instant.now().plus(GRACE).plus(INTERVAL).plus(TTL);
    while (Instant.now().isBefore(windowEnd)) {
      assertThat(placements()).isEqualTo(placement);
      Thread.sleep(200);
    }
    awaitDeploymentReady("config-injection", 3);
    assertThat(placements()).as("the same Workloads on the same hosts").isEqualTo(placement);
    assertThat(sum("virga_workload_starts_total")).as("nothing started again").isEqualTo(starts);
    for (String id : IDS) {
      assertThat(hosts.get(id).metric("virga_workloads", "state=\"running\""))
          .as("running on " + id)
          .isEqualTo(1.0);
      assertThat(hosts.get(id).get("nats.localhost", "/"))
          .isEqualTo(new RealHost.Response(200, CONFIG_VIEW));
    }
  }

  // ---- 8. a host pod deleted ----

  @Test
  @Order(8)
  void theWorkloadsOfADeletedHostPodAreReadyOnAnotherHostWithinTenSeconds() throws Exception {
    applyConfigInjection("pod.localhost", 1);
    awaitDeploymentReady("config-injection", 1);
    String victim = workloads().get(0).getStatus().getHostId();
    Pod pod = hostPod(victim);

    Instant deleted = Instant.now();
    client.resource(pod).delete();
    hosts.terminate(victim, Duration.ofSeconds(10)); // what the kubelet does next
    await(
        "Ready on another host, answering over its ingress",
        Duration.ofSeconds(30),
        () -> {
          List<Workload> ws = workloads();
          return ws.size() == 1
              && isReady(ws.get(0))
              && !victim.equals(hostOf(ws.get(0)))
              && hosts.get(hostOf(ws.get(0))).get("pod.localhost", "/").status() == 200;
        });
    Duration took = Duration.between(deleted, Instant.now());
    System.out.println(
        "[RealHostsIT] host pod deleted -> Ready elsewhere after " + took.toMillis() + " ms");
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    assertThat(hosts.get(hostOf(workloads().get(0))).get("pod.localhost", "/"))
        .isEqualTo(new RealHost.Response(200, CONFIG_VIEW));
    assertThat(client.pods().inNamespace(HOSTS_NS).withName(victim).get())
        .as("the operator let the pod go")
        .isNull();

    hosts.launch(victim);
    awaitHostsReady(IDS);
  }

  // ---- 9. a private registry and a pull secret ----

  @Test
  @Order(9)
  void anImageInAPrivateRegistryIsPulledWithTheDeploymentsPullSecret() throws Exception {
    try (DockerRegistry registry = DockerRegistry.start("puller", "pull-pass-1")) {
      String ref = registry.address() + "/examples/config-injection:1.0.0";
      push(CONFIG_INJECTION.resolve("config-injection.wasm"), ref, "puller", "pull-pass-1");
      Secret pullSecret =
          new SecretBuilder()
              .withNewMetadata()
              .withName("regcred")
              .withNamespace(ns)
              .endMetadata()
              .withType("kubernetes.io/dockerconfigjson")
              .withStringData(
                  Map.of(
                      ".dockerconfigjson",
                      "{\"auths\":{\""
                          + registry.address()
                          + "\":{\"username\":\"puller\",\"password\":\"pull-pass-1\"}}}"))
              .build();
      client.resource(pullSecret).create();
      for (String doc : configInjectionYaml("registry.localhost", 1).split("\n---\n")) {
        applyDoc(
            doc.replace(
                "image: " + CONFIG_INJECTION.resolve("config-injection.wasm"),
                "image: " + ref + "\n          imagePullSecret: {name: regcred}"));
      }
      awaitDeploymentReady("config-injection", 1);

      Workload w = workloads().get(0);
      assertThat(w.getSpec().getComponents().get(0).getImage()).isEqualTo(ref);
      assertThat(hosts.get(hostOf(w)).get("registry.localhost", "/"))
          .isEqualTo(new RealHost.Response(200, CONFIG_VIEW));

      // the same image without the secret: the registry's 401 reaches the Workload's conditions
      client.resources(WorkloadDeployment.class).inNamespace(ns).delete();
      client.resources(WorkloadReplicaSet.class).inNamespace(ns).delete();
      client.resources(Workload.class).inNamespace(ns).delete();
      await(
          "the first deployment gone",
          Duration.ofSeconds(60),
          () -> client.resources(Workload.class).inNamespace(ns).list().getItems().isEmpty());
      WorkloadDeployment noSecret =
          Serialization.unmarshal(
              configInjectionYaml("registry.localhost", 1)
                  .split("\n---\n")[2]
                  .replace(
                      "image: " + CONFIG_INJECTION.resolve("config-injection.wasm"),
                      "image: " + registry.address() + "/examples/config-injection:2.0.0"),
              WorkloadDeployment.class);
      noSecret.getMetadata().setNamespace(ns);
      client.resource(noSecret).create();
      await(
          "a Workload whose placement names the missing image",
          Duration.ofSeconds(60),
          () ->
              workloads().stream()
                  .anyMatch(
                      x ->
                          x.getStatus() != null
                              && x.getStatus().getConditions() != null
                              && x.getStatus().getConditions().stream()
                                  .anyMatch(
                                      c ->
                                          "False".equals(c.getStatus())
                                              && c.getMessage() != null
                                              && c.getMessage()
                                                  .contains("config-injection:2.0.0"))));
    }
  }

  // ---- helpers ----

  /** A host pod of {@code hostId} as the chart makes it, with the host's IP, finalized. */
  private Pod hostPod(String hostId) throws Exception {
    Pod pod =
        client
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(hostId)
                    .withNamespace(HOSTS_NS)
                    .withLabels(Map.of(Labels.POD_HOSTGROUP, "default"))
                    .endMetadata()
                    .withNewSpec()
                    .withAutomountServiceAccountToken(false)
                    .addNewContainer()
                    .withName("host")
                    .withImage("virga-host:test")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    await(
        "the operator's finalizer on the host pod",
        Duration.ofSeconds(20),
        () -> {
          Pod p = client.resource(pod).get();
          return p.getMetadata().getFinalizers() != null
              && p.getMetadata().getFinalizers().contains(Finalizers.POD_HOST);
        });
    Pod withIp = client.resource(pod).get();
    withIp.getStatus().setPodIP(hosts.get(hostId).hostName());
    return client.resource(withIp).updateStatus();
  }

  /** {@code bin/host push FILE REF} with the user's password on stdin, as a user would. */
  private static void push(Path file, String ref, String user, String password) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                HostProcesses.cliJar().toString(),
                "push",
                file.toString(),
                ref,
                "--username",
                user,
                "--password-stdin",
                "--insecure")
            .redirectErrorStream(true)
            .start();
    try (var stdin = p.getOutputStream()) {
      stdin.write((password + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("host push:\n" + out).isZero();
  }

  /** The example's manifest, unchanged but for the component path and the route's host name. */
  private static String configInjectionYaml(String hostName, int replicas) throws IOException {
    return Files.readString(CONFIG_INJECTION.resolve("workload.yaml"))
        .replace(
            "image: ./config-injection.wasm",
            "image: " + CONFIG_INJECTION.resolve("config-injection.wasm"))
        .replace("host: config.localhost", "host: " + hostName)
        .replace("replicas: 1", "replicas: " + replicas);
  }

  private void applyConfigInjection(String hostName, int replicas) throws IOException {
    for (String doc : configInjectionYaml(hostName, replicas).split("\n---\n")) {
      applyDoc(doc);
    }
  }

  private void applyDoc(String doc) {
    if (doc.contains("\nkind: ConfigMap")) {
      ConfigMap cm = Serialization.unmarshal(doc, ConfigMap.class);
      cm.getMetadata().setNamespace(ns);
      client.resource(cm).create();
    } else if (doc.contains("\nkind: Secret")) {
      Secret s = Serialization.unmarshal(doc, Secret.class);
      s.getMetadata().setNamespace(ns);
      client.resource(s).create();
    } else if (doc.contains("\nkind: WorkloadDeployment")) {
      WorkloadDeployment d = Serialization.unmarshal(doc, WorkloadDeployment.class);
      d.getMetadata().setNamespace(ns);
      client.resource(d).create();
    } else {
      throw new AssertionError("unexpected document:\n" + doc);
    }
  }

  private void createBareWorkload(String name, WorkloadDeployment template) {
    Workload w = new Workload();
    w.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    w.setSpec(template.getSpec().getTemplate().getSpec());
    client.resource(w).create();
  }

  private void scale(String name, int replicas) {
    client
        .resources(WorkloadDeployment.class)
        .inNamespace(ns)
        .withName(name)
        .edit(
            d -> {
              d.getSpec().setReplicas(replicas);
              return d;
            });
  }

  private Workload workload(String name) {
    return client.resources(Workload.class).inNamespace(ns).withName(name).get();
  }

  private List<Workload> workloads() {
    return client.resources(Workload.class).inNamespace(ns).list().getItems().stream()
        .filter(w -> w.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  /** Workload uid → host id. */
  private Map<String, String> placements() {
    Map<String, String> out = new HashMap<>();
    for (Workload w : workloads()) {
      out.put(w.getMetadata().getUid(), hostOf(w));
    }
    return out;
  }

  private static Map<String, String> hostFigures() {
    Map<String, String> out = new HashMap<>();
    for (Host h : client.resources(Host.class).inNamespace(HOSTS_NS).list().getItems()) {
      out.put(
          h.getHostId(),
          h.getStatus() == null
              ? "no status"
              : "cpu "
                  + h.getStatus().getSystemCPUUsage()
                  + ", Ready "
                  + Conditions.find(h.getStatus(), ConditionTypes.READY)
                      .map(c -> c.getStatus() + " " + c.getMessage())
                      .orElse("-"));
    }
    return out;
  }

  private static String hostOf(Workload w) {
    return w.getStatus() == null ? null : w.getStatus().getHostId();
  }

  /** Workloads in any state on the live hosts, by their own {@code /metrics}. */
  private static double workloadsOnHosts() throws IOException {
    double n = 0;
    for (RealHost h : hosts.all()) {
      if (h.alive()) {
        n += h.metric("virga_workloads");
      }
    }
    return n;
  }

  private static double sum(String metric) throws IOException {
    double n = 0;
    for (RealHost h : hosts.all()) {
      n += h.metric(metric);
    }
    return n;
  }

  private boolean hasEvent(String type, String reason, String message) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .anyMatch(
            e ->
                type.equals(e.getType())
                    && reason.equals(e.getReason())
                    && message.equals(e.getMessage()));
  }

  private void awaitDeploymentReady(String name, int replicas) throws Exception {
    await(
        name + " Ready with " + replicas + " Ready replicas",
        Duration.ofSeconds(60),
        () -> {
          WorkloadDeployment d =
              client.resources(WorkloadDeployment.class).inNamespace(ns).withName(name).get();
          List<Workload> ws = workloads();
          return isReady(d) && ws.size() == replicas && ws.stream().allMatch(RealHostsIT::isReady);
        });
  }

  private static void awaitHostsReady(List<String> ids) throws Exception {
    await(
        "Hosts " + ids + " Ready",
        Duration.ofSeconds(60),
        () -> {
          List<Host> found =
              client.resources(Host.class).inNamespace(HOSTS_NS).list().getItems().stream()
                  .filter(h -> ids.contains(h.getHostId()))
                  .toList();
          return found.size() == ids.size()
              && found.stream()
                  .allMatch(h -> Conditions.isTrue(h.getStatus(), ConditionTypes.READY));
        });
  }

  private static boolean isReady(CustomResource<?, ?> r) {
    return r != null
        && r.getStatus() instanceof ConditionedStatus s
        && Conditions.isTrue(s, ConditionTypes.READY);
  }

  private static void await(String what, Duration timeout, Callable<Boolean> condition)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        if (condition.call()) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        last = e; // not there yet (a host restarting, an object not created yet)
      }
      Thread.sleep(100);
    }
    AssertionError e =
        new AssertionError("timed out waiting for " + what + "\nhost logs:\n" + tail(hosts));
    if (last != null) {
      e.addSuppressed(last);
    }
    throw e;
  }

  private static String tail(HostProcesses set) {
    if (set == null) {
      return "(no hosts)";
    }
    String logs = set.logs();
    return logs.length() > 20_000 ? logs.substring(logs.length() - 20_000) : logs;
  }

  private static void namespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }
}
