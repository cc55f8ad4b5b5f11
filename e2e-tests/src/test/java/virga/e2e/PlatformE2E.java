package virga.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadDeployment;
import virga.e2e.cluster.Await;
import virga.e2e.cluster.Helm;
import virga.e2e.cluster.HostCli;
import virga.e2e.cluster.HostProcess;
import virga.e2e.cluster.Http;
import virga.e2e.cluster.KubeControlPlane;
import virga.e2e.cluster.OperatorProcess;
import virga.e2e.cluster.ServiceRouter;
import virga.testsupport.CommandResult;
import virga.testsupport.DockerRegistry;
import virga.testsupport.MissingPrerequisiteException;
import virga.testsupport.NatsServerBinary;

/**
 * The platform end to end on a real API server (see {@link Platform}): the chart's RBAC checked by
 * the real authorizer, then wasmCloud's e2e flows (with its timeouts or better) on three hosts
 * standing for the host Deployment's pods. One stack for the class; each flow has its own
 * namespace; the scoped install runs last because it re-scopes the operator.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformE2E {
  static final Path ROOT = Platform.ROOT;
  static final Path HELLO_WASM = ROOT.resolve("guests/wasm/wasi-http-hello.wasm");
  static final Path CONFIG_INJECTION = ROOT.resolve("examples/config-injection");
  static final Path MESSAGE_ECHO = ROOT.resolve("examples/message-echo");
  static final String HELLO = "Hello from Virga!\n";
  static final int HOSTS = 3;

  /** {@code GET /} of the config-injection example (its README): the wasi:config view. */
  static final String CONFIG_VIEW =
      "API_KEY=s3cr3t-from-the-secret\n"
          + "APP_NAME=config-injection\n"
          + "LOG_LEVEL=info\n"
          + "ONLY_IN_INTERFACE=x\n"
          + "REGION=eu-west\n"
          + "UPSTREAM_URL=https://api.example.com\n";

  /**
   * The chart values of this install (besides NATS and the host group of three, see {@link
   * Platform}): no TLS (the local nats-server has none), and hosts that may pull from the test's
   * plain-HTTP registry.
   */
  static final List<String> VALUES = List.of(E2EValues.NO_TLS, E2EValues.INSECURE_REGISTRIES);

  static Platform platform;

  @BeforeAll
  static void start() throws Exception {
    prerequisites();
    platform = Platform.start(Path.of("target", "e2e").toAbsolutePath(), VALUES, HOSTS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (platform == null) {
      return;
    }
    String ops = platform.operator == null ? "" : platform.operator.output();
    platform.close();
    // every server, operator and host was a child of this JVM: none may be left
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
        .as("child processes left running")
        .isEmpty();
    // wasmCloud's e2e: the operator's log must not say that RBAC refused it anything
    assertThat(ops).as("the operator was refused by RBAC").doesNotContain("is forbidden");
  }

  private static void prerequisites() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path p : KubeControlPlane.binaries()) {
      if (!Files.isExecutable(p)) {
        missing.add(p.toString());
      }
    }
    if (!Files.isExecutable(Helm.BINARY)) {
      missing.add(Helm.BINARY + " (scripts/install-helm.sh)");
    }
    for (Path p : List.of(DockerRegistry.binary(), DockerRegistry.htpasswd())) {
      if (!Files.isExecutable(p)) {
        missing.add(p.toString());
      }
    }
    if (!Files.isExecutable(NatsServerBinary.find())) {
      missing.add("nats-server");
    }
    if (OperatorProcess.jar(ROOT) == null || HostProcess.jar(ROOT) == null) {
      missing.add("operator/target/*-all.jar or runtime/host/target/*-cli.jar (mvn install)");
    }
    if (!Files.isRegularFile(Platform.CHART.resolve("Chart.yaml"))) {
      missing.add(Platform.CHART + "/Chart.yaml");
    }
    if (!missing.isEmpty()) {
      String message = "E2E prerequisites missing: " + missing;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new MissingPrerequisiteException(message);
      }
      Assumptions.abort(message + " (scripts/install-prereqs.sh)");
    }
  }

  // ---- 1. RBAC: the chart's ServiceAccount, checked by the real authorizer ----

  @Test
  @Order(1)
  void theChartsServiceAccountMayDoWhatTheOperatorNeedsAndNotMore() {
    String sys = Platform.SYSTEM_NS;
    List<String> wrong = new ArrayList<>();
    // what the operator's code calls, in a workload namespace (all of them by default)
    for (String verb : List.of("get", "list", "watch", "create", "patch", "delete")) {
      check(wrong, true, verb, "workloads.runtime.wasmcloud.dev", "default");
      check(wrong, true, verb, "workloadreplicasets.runtime.wasmcloud.dev", "default");
    }
    for (String verb : List.of("get", "list", "watch")) {
      check(wrong, true, verb, "workloaddeployments.runtime.wasmcloud.dev", "default");
      check(wrong, true, verb, "artifacts.runtime.wasmcloud.dev", "default");
      check(wrong, true, verb, "configmaps", "default");
      check(wrong, true, verb, "secrets", "default");
      check(wrong, true, verb, "services", "default");
    }
    for (String kind :
        List.of("workloads", "workloadreplicasets", "workloaddeployments", "artifacts")) {
      check(wrong, true, "patch", kind + ".runtime.wasmcloud.dev/status", "default");
    }
    check(wrong, true, "update", "workloaddeployments.runtime.wasmcloud.dev/finalizers", "default");
    check(wrong, true, "update", "workloadreplicasets.runtime.wasmcloud.dev/finalizers", "default");
    check(wrong, true, "update", "services/finalizers", "default");
    for (String verb : List.of("list", "create", "update", "delete")) {
      check(wrong, true, verb, "endpointslices.discovery.k8s.io", "default");
    }
    check(wrong, true, "create", "events", "default");
    // in the host namespace: Hosts, their pods' finalizer, the leader Lease
    for (String verb : List.of("get", "list", "watch", "create", "patch", "delete")) {
      check(wrong, true, verb, "hosts.runtime.wasmcloud.dev", sys);
    }
    check(wrong, true, "patch", "hosts.runtime.wasmcloud.dev/status", sys);
    for (String verb : List.of("get", "list", "watch", "patch")) {
      check(wrong, true, verb, "pods", sys);
    }
    for (String verb : List.of("get", "create", "update", "patch")) {
      check(wrong, true, verb, "leases.coordination.k8s.io", sys);
    }
    check(wrong, true, "create", "events", sys);
    // and some it must not have: the user's objects, other workloads' objects, the cluster
    check(wrong, false, "create", "workloaddeployments.runtime.wasmcloud.dev", "default");
    check(wrong, false, "update", "workloaddeployments.runtime.wasmcloud.dev", "default");
    check(wrong, false, "create", "secrets", "default");
    check(wrong, false, "update", "configmaps", "default");
    check(wrong, false, "create", "pods", sys);
    check(wrong, false, "delete", "pods", sys);
    check(wrong, false, "update", "deployments.apps", sys);
    check(wrong, false, "delete", "namespaces", null);
    check(wrong, false, "create", "clusterrolebindings.rbac.authorization.k8s.io", null);
    check(wrong, false, "get", "leases.coordination.k8s.io", "kube-system");
    assertThat(wrong).as("kubectl auth can-i as the chart's ServiceAccount").isEmpty();
  }

  private static void check(
      List<String> wrong, boolean expected, String verb, String resource, String ns) {
    if (platform.asOperator.canI(verb, resource, ns) != expected) {
      wrong.add(
          (expected ? "refused: " : "allowed: ")
              + verb
              + " "
              + resource
              + (ns == null ? "" : " -n " + ns));
    }
  }

  // ---- 2. wasmCloud's sample deployment.yaml: Ready, 200 through the ingress with its Host ----

  @Test
  @Order(2)
  void theSampleDeploymentBecomesReadyAndAnswersThroughTheIngressWithItsHost() throws Exception {
    String ns = namespace("e2e-hello");
    // the sample's image is an OCI reference: here one in a private registry, pushed with
    // bin/host push and pulled by the host with the namespace's pull secret
    String ref;
    try (DockerRegistry registry = DockerRegistry.start("puller", "pull-pass-1")) {
      ref = registry.address() + "/wasmcloud/components/http-hello-world-rust:0.1.0";
      HostCli.push(HostProcess.jar(ROOT), HELLO_WASM, ref, "puller", "pull-pass-1");
      platform.kubectl.ok(
          "create",
          "secret",
          "docker-registry",
          "regcred",
          "-n",
          ns,
          "--docker-server=" + registry.address(),
          "--docker-username=puller",
          "--docker-password=pull-pass-1");
      String sample =
          helloYaml("hello", "hello.localhost.direct", 1)
              .replace(
                  "image: " + HELLO_WASM,
                  "image: " + ref + "\n          imagePullSecret: {name: regcred}");
      Duration took = applyAndAwaitReady(ns, sample, "hello", 1);
      Platform.log(
          "sample deployment (image %s) Ready in %d ms (wasmCloud: 3 min)", ref, took.toMillis());
      assertThat(took).isLessThan(Duration.ofMinutes(3));
    }
    Workload w = workloads(ns).get(0);
    assertThat(w.getSpec().getComponents().get(0).getImage()).isEqualTo(ref);
    HostProcess on = platform.hosts.get(w.getStatus().getHostId());
    assertThat(on.get("hello.localhost.direct", "/")).isEqualTo(new Http.Response(200, HELLO));
    assertThat(on.get("other.localhost.direct", "/").status()).isEqualTo(404);
    Host host =
        platform
            .client
            .resources(Host.class)
            .inNamespace(Platform.SYSTEM_NS)
            .list()
            .getItems()
            .stream()
            .filter(h -> h.getHostId().equals(on.id()))
            .findFirst()
            .orElseThrow();
    assertThat(host.getHostname()).as("the pod IP").isEqualTo(on.podIp());
    // wasmCloud's first spec: the manager and its metrics are up
    assertThat(platform.operator.readyz().status()).isEqualTo(200);
    Http.Response metrics = platform.operator.metrics();
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("# TYPE ");
  }

  // ---- 3. config injection: a ConfigMap and a Secret, edits seen live ----

  @Test
  @Order(3)
  void configMapAndSecretValuesAreServedAndTheirEditsSeenLiveWithoutARestart() throws Exception {
    String ns = namespace("e2e-config");
    applyAndAwaitReady(ns, configInjectionYaml("config.localhost", 1), "config-injection", 1);
    HostProcess on = platform.hosts.get(workloads(ns).get(0).getStatus().getHostId());
    assertThat(on.get("config.localhost", "/")).isEqualTo(new Http.Response(200, CONFIG_VIEW));
    double starts = sumMetric("virga_workload_starts_total");

    String cmEdited = CONFIG_VIEW.replace("LOG_LEVEL=info", "LOG_LEVEL=error");
    Duration cm =
        patchAndAwaitServed(
            ns, on, "configmap", "app-config", "{\"data\":{\"LOG_LEVEL\":\"error\"}}", cmEdited);
    String secretEdited = cmEdited.replace("API_KEY=s3cr3t-from-the-secret", "API_KEY=rotated");
    Duration secret =
        patchAndAwaitServed(
            ns,
            on,
            "secret",
            "app-secrets",
            "{\"stringData\":{\"API_KEY\":\"rotated\"}}",
            secretEdited);
    Platform.log(
        "ConfigMap edit live after %d ms, Secret edit after %d ms",
        cm.toMillis(), secret.toMillis());
    assertThat(cm).isLessThan(Duration.ofSeconds(10));
    assertThat(secret).isLessThan(Duration.ofSeconds(10));
    assertThat(sumMetric("virga_workload_starts_total")).as("no restart").isEqualTo(starts);
  }

  /**
   * Merge-patches a ConfigMap or Secret and waits until the config app on {@code on} serves {@code
   * expected}; the time that took.
   */
  private Duration patchAndAwaitServed(
      String ns, HostProcess on, String kind, String name, String patch, String expected)
      throws Exception {
    platform.kubectl.ok("patch", kind, name, "-n", ns, "--type=merge", "-p", patch);
    return Await.until(
        "the " + kind + " edit over HTTP",
        Duration.ofSeconds(30),
        () -> expected.equals(on.get("config.localhost", "/").body()),
        platform::diagnostics);
  }

  // ---- 4. scale: kubectl scale, and an HPA-style write of the /scale subresource ----

  @Test
  @Order(4)
  void kubectlScaleAndAScaleSubresourceWriteChangeTheReplicas() throws Exception {
    String ns = namespace("e2e-scale");
    applyAndAwaitReady(ns, helloYaml("hello", "scale.localhost", 1), "hello", 1);

    platform.kubectl.ok("scale", "workloaddeployment", "hello", "-n", ns, "--replicas=3");
    Duration up = awaitReady(ns, "hello", 3, Duration.ofMinutes(2));
    Set<String> on =
        workloads(ns).stream().map(w -> w.getStatus().getHostId()).collect(Collectors.toSet());
    assertThat(on).as("one replica per host").hasSize(HOSTS);
    for (String id : on) {
      assertThat(platform.hosts.get(id).get("scale.localhost", "/").status()).isEqualTo(200);
    }

    // what the HPA controller does: read the Scale, write it back with a new spec.replicas
    String path =
        "/apis/runtime.wasmcloud.dev/v1alpha1/namespaces/"
            + ns
            + "/workloaddeployments/hello/scale";
    String scale = platform.kubectl.ok("get", "--raw", path);
    assertThat(scale).contains("\"kind\":\"Scale\"").contains("\"replicas\":3");
    Path body = platform.work.resolve("scale.json");
    Files.writeString(
        body, scale.replace("\"spec\":{\"replicas\":3}", "\"spec\":{\"replicas\":2}"));
    platform.kubectl.ok("replace", "--raw", path, "-f", body.toString());
    Duration down =
        Await.until(
            "2 replicas after the /scale write",
            Duration.ofMinutes(1),
            () -> workloads(ns).size() == 2 && isReady(ns, "hello", 2),
            platform::diagnostics);
    Platform.log(
        "kubectl scale 1->3 Ready in %d ms; /scale write 3->2 in %d ms",
        up.toMillis(), down.toMillis());
    String status = platform.kubectl.ok("get", "--raw", path);
    assertThat(status).contains("\"spec\":{\"replicas\":2}").contains("\"replicas\":2}");
  }

  // ---- 5. rolling updates with no failed request ----

  /** The REGION of each successive template: three rollouts, each a new ReplicaSet. */
  static final List<String> ROLLOUTS = List.of("us-east", "ap-south", "eu-central");

  @Test
  @Order(5)
  void aRollingUpdateThroughTheServiceFailsNoRequest() throws Exception {
    String ns = namespace("e2e-rolling");
    String service =
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n"
            + "  - name: http\n    port: 80\n";
    String yaml =
        service
            + "---\n"
            + configInjectionYaml("rolling.localhost", 2)
                .replace(
                    "    spec:\n      hostInterfaces:",
                    "    spec:\n      kubernetes:\n        service:\n          name: web\n"
                        + "      hostInterfaces:");
    applyAndAwaitReady(ns, yaml, "config-injection", 2);
    ServiceRouter router = new ServiceRouter(platform.client, ns, "web");
    Duration sliced =
        Await.until(
            "2 ready endpoints in the Service's EndpointSlices",
            Duration.ofSeconds(30),
            () -> router.endpoints().size() == 2,
            platform::diagnostics);
    Platform.log("EndpointSlice with both hosts after %d ms (wasmCloud: 30 s)", sliced.toMillis());

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger newOk = new AtomicInteger();
    List<String> failures = new ArrayList<>();
    Thread load =
        new Thread(
            () -> {
              while (running.get()) {
                try {
                  List<String> eps = router.endpoints();
                  String ep = router.pick(eps);
                  Http.Response r = ServiceRouter.get(ep, "rolling.localhost", "/");
                  if (r.status() == 200 && r.body().contains("REGION=")) {
                    ok.incrementAndGet();
                    if (r.body().contains("REGION=" + ROLLOUTS.get(ROLLOUTS.size() - 1))) {
                      newOk.incrementAndGet();
                    }
                  } else {
                    synchronized (failures) {
                      failures.add(
                          java.time.Instant.now()
                              + " "
                              + ep
                              + " of "
                              + eps
                              + ": "
                              + r.status()
                              + " "
                              + r.body().trim());
                    }
                  }
                  Thread.sleep(20);
                } catch (IOException | RuntimeException e) {
                  synchronized (failures) {
                    failures.add(e.toString());
                  }
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "rolling-load");
    Set<String> oldUids = new java.util.HashSet<>();
    Set<String> sets = new java.util.HashSet<>();
    load.start();
    try {
      Thread.sleep(500);
      String previous = "eu-west";
      for (String region : ROLLOUTS) {
        workloads(ns).forEach(w -> oldUids.add(w.getMetadata().getUid()));
        sets.add(currentReplicaSet(ns, "config-injection"));
        CommandResult r =
            platform.kubectl.apply(yaml.replace("REGION: eu-west", "REGION: " + region), "-n", ns);
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        Duration rolled =
            Await.until(
                "REGION " + region + " on both replicas",
                Duration.ofMinutes(2),
                () ->
                    isReady(ns, "config-injection", 2)
                        && workloads(ns).size() == 2
                        && router.endpoints().size() == 2
                        && allAnswer(router, "REGION=" + region),
                platform::diagnostics);
        Platform.log("rolling update %s -> %s done in %d ms", previous, region, rolled.toMillis());
        previous = region;
        Thread.sleep(500);
      }
    } finally {
      running.set(false);
      load.join(10_000);
    }
    Platform.log(
        "rolling updates: %d requests answered (%d by the last version), %d failed: %s",
        ok.get(), newOk.get(), failures.size(), failures.stream().limit(5).toList());
    assertThat(sets)
        .as("a new ReplicaSet per rollout")
        .doesNotContain(currentReplicaSet(ns, "config-injection"))
        .hasSize(ROLLOUTS.size());
    assertThat(workloads(ns))
        .extracting(w -> w.getMetadata().getUid())
        .doesNotContainAnyElementsOf(oldUids);
    assertThat(failures).as("failed requests during the rolling updates").isEmpty();
    assertThat(ok.get()).isGreaterThan(30);
    assertThat(newOk.get()).isPositive();
  }

  private static String currentReplicaSet(String ns, String name) {
    WorkloadDeployment d =
        platform.client.resources(WorkloadDeployment.class).inNamespace(ns).withName(name).get();
    return d.getStatus().getCurrentReplicaSet() == null
        ? null
        : d.getStatus().getCurrentReplicaSet().getName();
  }

  private static boolean allAnswer(ServiceRouter router, String text) throws IOException {
    List<String> eps = router.endpoints();
    for (int i = 0; i < eps.size(); i++) {
      if (!router.get(eps, "rolling.localhost", "/").body().contains(text)) {
        return false;
      }
    }
    return true;
  }

  // ---- 6. delete: Workloads gone, stops sent ----

  @Test
  @Order(6)
  void deletingTheDeploymentRemovesItsWorkloadsAndStopsThemOnTheirHosts() throws Exception {
    String ns = namespace("e2e-delete");
    applyAndAwaitReady(ns, helloYaml("hello", "delete.localhost", 2), "hello", 2);
    awaitNoWorkloadStopping();
    double stops = commands("workload.stop");
    double running = sumMetric("virga_workloads");

    // the garbage collector deletes the children; it learns new CRDs every 30 s (hard-coded in
    // kube-controller-manager 1.20), hence this flow runs a while after the chart's install
    platform.kubectl.ok("delete", "workloaddeployment", "hello", "-n", ns, "--wait=false");
    Duration gone =
        Await.until(
            "every Workload of " + ns + " gone and stopped",
            Duration.ofMinutes(1),
            () ->
                platform
                        .client
                        .resources(Workload.class)
                        .inNamespace(ns)
                        .list()
                        .getItems()
                        .isEmpty()
                    && sumMetric("virga_workloads") == running - 2,
            platform::diagnostics);
    Platform.log(
        "delete -> Workloads gone and stopped in %d ms (wasmCloud: 1 min)", gone.toMillis());
    assertThat(commands("workload.stop")).isEqualTo(stops + 2);
    for (HostProcess h : platform.hosts.all()) {
      assertThat(h.get("delete.localhost", "/").status()).isEqualTo(404);
    }
    assertThat(
            platform.client.resources(WorkloadDeployment.class).inNamespace(ns).list().getItems())
        .isEmpty();
  }

  // ---- 7. a host pod deleted: Ready elsewhere, the pod replaced, its host back ----

  @Test
  @Order(7)
  void theWorkloadsOfADeletedHostPodAreReadyOnAnotherHost() throws Exception {
    String ns = namespace("e2e-pod");
    applyAndAwaitReady(ns, helloYaml("hello", "pod.localhost", 1), "hello", 1);
    String victim = workloads(ns).get(0).getStatus().getHostId();

    long t0 = System.nanoTime();
    platform.hosts.deletePod(victim);
    Await.until(
        "Ready on another host, answering over its ingress",
        Duration.ofMinutes(1),
        () -> {
          List<Workload> ws = workloads(ns);
          return ws.size() == 1
              && E2EConditions.isReady(ws.get(0))
              && !victim.equals(ws.get(0).getStatus().getHostId())
              && platform
                      .hosts
                      .get(ws.get(0).getStatus().getHostId())
                      .get("pod.localhost", "/")
                      .status()
                  == 200;
        },
        platform::diagnostics);
    Duration moved = Duration.ofNanos(System.nanoTime() - t0);
    Platform.log("host pod deleted -> Ready elsewhere after %d ms", moved.toMillis());
    assertThat(moved).isLessThan(Duration.ofSeconds(30));
    assertThat(platform.client.pods().inNamespace(Platform.SYSTEM_NS).withName(victim).get())
        .as("the operator let the pod go (its finalizer removed)")
        .isNull();
    assertThat(
            platform
                .client
                .resources(Host.class)
                .inNamespace(Platform.SYSTEM_NS)
                .list()
                .getItems()
                .stream()
                .map(Host::getHostId))
        .doesNotContain(victim);

    // the ReplicaSet controller makes a new pod; its host comes up as a new Host
    List<HostProcess> started = platform.hosts.sync(HOSTS, Duration.ofSeconds(60));
    assertThat(started).hasSize(1);
    assertThat(started.get(0).id()).isNotEqualTo(victim);
    platform.awaitHostsReady();
    Platform.log(
        "replacement pod %s Ready as a Host %d ms after the deletion",
        started.get(0).id(), (System.nanoTime() - t0) / 1_000_000);
  }

  // ---- 8. messaging echo over NATS ----

  @Test
  @Order(8)
  @SuppressWarnings("try") // jnats' Connection.close() declares InterruptedException
  void aMessagingHandlerEchoesARequestOverNats() throws Exception {
    Path wasm = MESSAGE_ECHO.resolve("message-echo.wasm");
    String ns = namespace("e2e-messaging");
    String yaml =
        Files.readString(MESSAGE_ECHO.resolve("workload.yaml"))
            .replace("image: ./message-echo.wasm", "image: " + wasm)
            .replace("subscriptions: echo.request", "subscriptions: e2e.echo");
    applyAndAwaitReady(ns, yaml, "message-echo", 1);
    try (Connection c = Nats.connect(platform.nats.url())) {
      Message reply =
          c.request(
              "e2e.echo", "hello e2e".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
      assertThat(reply).as("a reply on e2e.echo").isNotNull();
      assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("echo: hello e2e");
    }
  }

  // ---- 9. bad manifests: refused by the API server, naming the field ----

  @Test
  @Order(9)
  void badManifestsAreRefusedByTheApiServerWithMessagesNamingTheField() throws Exception {
    String ns = namespace("e2e-bad");
    String hello = helloYaml("bad", "bad.localhost", 1);
    // --validate=false: the API server, not kubectl's client-side check, is the one refusing
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("spec.replicas: Invalid value", hello.replace("replicas: 1", "replicas: three"));
    cases.put(
        "spec.template.spec.components.image: Required value",
        hello.replace("          image: " + HELLO_WASM + "\n", "\n"));
    cases.put(
        "spec.template.spec.hostInterfaces.package: Required value",
        hello.replace("          package: http\n", ""));
    cases.put("spec.template: Required value", hello.substring(0, hello.indexOf("  template:")));
    for (Map.Entry<String, String> c : cases.entrySet()) {
      assertThat(c.getValue()).isNotEqualTo(hello);
      CommandResult r = platform.kubectl.apply(c.getValue(), "-n", ns, "--validate=false");
      Platform.log("refused (%s): %s", c.getKey(), r.stderr().trim());
      assertThat(r.succeeded()).as(c.getKey() + ": " + r).isFalse();
      assertThat(r.stderr()).as(c.getKey()).contains(c.getKey());
    }
    assertThat(
            platform.client.resources(WorkloadDeployment.class).inNamespace(ns).list().getItems())
        .isEmpty();
  }

  // ---- 10. GitOps: the same manifests twice, helm upgrade with the same values ----

  @Test
  @Order(10)
  void applyingTheSameManifestsTwiceAndAnUnchangedHelmUpgradeChangeNothing() throws Exception {
    String ns = namespace("e2e-gitops");
    String yaml = configInjectionYaml("gitops.localhost", 2);
    applyAndAwaitReady(ns, yaml, "config-injection", 2);
    Thread.sleep(2000); // let the status settle
    Map<String, String> before = generations(ns);
    awaitNoWorkloadStopping();
    double starts = sumMetric("virga_workload_starts_total");
    double stops = commands("workload.stop");

    Map<String, String> versions = resourceVersions(ns);
    CommandResult again = platform.kubectl.apply(yaml, "-n", ns);
    assertThat(again.succeeded()).as(again.toString()).isTrue();
    // kubectl says "configured" for a Secret with stringData on every apply (it diffs stringData
    // against data); what counts is that the server stored nothing new
    assertThat(again.stdout())
        .contains("workloaddeployment.runtime.wasmcloud.dev/config-injection unchanged")
        .contains("configmap/app-config unchanged");
    assertThat(resourceVersions(ns))
        .as("resourceVersions after the second apply")
        .isEqualTo(versions);

    Map<String, String> chartBefore = chartState();
    platform.upgrade(List.of());
    Thread.sleep(3000); // a window in which the controllers could react
    assertThat(chartState())
        .as("generations and pods of the chart's objects")
        .isEqualTo(chartBefore);
    assertThat(generations(ns)).as("the runtime objects").isEqualTo(before);
    assertThat(sumMetric("virga_workload_starts_total")).as("no restart").isEqualTo(starts);
    assertThat(commands("workload.stop")).as("no stop").isEqualTo(stops);
  }

  /** name → generation and uid of every runtime object in {@code ns}. */
  private static Map<String, String> generations(String ns) {
    Map<String, String> out = new HashMap<>();
    platform
        .client
        .resources(WorkloadDeployment.class)
        .inNamespace(ns)
        .list()
        .getItems()
        .forEach(
            d ->
                out.put(
                    "wd/" + d.getMetadata().getName(),
                    d.getMetadata().getGeneration() + "/" + d.getMetadata().getUid()));
    platform
        .client
        .resources(virga.crds.v1alpha1.WorkloadReplicaSet.class)
        .inNamespace(ns)
        .list()
        .getItems()
        .forEach(
            d ->
                out.put(
                    "wrs/" + d.getMetadata().getName(),
                    d.getMetadata().getGeneration() + "/" + d.getMetadata().getUid()));
    platform
        .client
        .resources(Workload.class)
        .inNamespace(ns)
        .list()
        .getItems()
        .forEach(
            d ->
                out.put(
                    "w/" + d.getMetadata().getName(),
                    d.getMetadata().getGeneration() + "/" + d.getMetadata().getUid()));
    return out;
  }

  /** kind/name → resourceVersion of the manifests' objects in {@code ns}. */
  private static Map<String, String> resourceVersions(String ns) {
    Map<String, String> out = new HashMap<>();
    platform
        .client
        .configMaps()
        .inNamespace(ns)
        .list()
        .getItems()
        .forEach(
            o -> out.put("cm/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    platform
        .client
        .secrets()
        .inNamespace(ns)
        .list()
        .getItems()
        .forEach(
            o ->
                out.put(
                    "secret/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    platform
        .client
        .resources(WorkloadDeployment.class)
        .inNamespace(ns)
        .list()
        .getItems()
        .forEach(
            o -> out.put("wd/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
    return out;
  }

  /** The chart's Deployments' generations and their pods' names (a restart makes new pods). */
  private static Map<String, String> chartState() {
    Map<String, String> out = new HashMap<>();
    for (Deployment d : platform.client.apps().deployments().inAnyNamespace().list().getItems()) {
      out.put(
          "deployment/" + d.getMetadata().getName(),
          String.valueOf(d.getMetadata().getGeneration()));
    }
    for (Pod p : platform.client.pods().inAnyNamespace().list().getItems()) {
      out.put("pod/" + p.getMetadata().getName(), p.getMetadata().getUid());
    }
    return out;
  }

  // ---- 11. a scoped install (watchNamespaces) leaves another namespace alone ----

  @Test
  @Order(11)
  void aScopedInstallReconcilesItsNamespacesAndLeavesAnotherAlone() throws Exception {
    String watched = namespace("e2e-watched");
    String other = namespace("e2e-other");
    platform.upgrade(List.of(E2EValues.WATCH_NAMESPACES + "={" + watched + "}"));
    platform.restartOperator();
    assertThat(platform.operator.commandLine()).contains("--watch-namespaces=" + watched);

    assertThat(platform.asOperator.canI("list", "workloads.runtime.wasmcloud.dev", watched))
        .isTrue();
    assertThat(platform.asOperator.canI("list", "workloads.runtime.wasmcloud.dev", other))
        .as("no cluster-wide grant left")
        .isFalse();
    String operatorRbac = "/" + Platform.RELEASE + "-operator";
    assertThat(platform.kubectl.ok("get", "clusterrole,clusterrolebinding", "-o", "name"))
        .as("the ClusterRole and its binding are gone")
        .doesNotContain(operatorRbac);
    assertThat(platform.kubectl.ok("get", "role,rolebinding", "-n", watched, "-o", "name"))
        .as("a Role and RoleBinding in the watched namespace")
        .contains("role.rbac.authorization.k8s.io" + operatorRbac)
        .contains("rolebinding.rbac.authorization.k8s.io" + operatorRbac);

    applyAndAwaitReady(watched, helloYaml("hello", "watched.localhost", 1), "hello", 1);
    CommandResult r = platform.kubectl.apply(helloYaml("hello", "other.localhost", 1), "-n", other);
    assertThat(r.succeeded()).as(r.toString()).isTrue();
    Thread.sleep(5000);
    WorkloadDeployment untouched =
        platform
            .client
            .resources(WorkloadDeployment.class)
            .inNamespace(other)
            .withName("hello")
            .get();
    assertThat(untouched.getStatus()).as("no status written in an unwatched namespace").isNull();
    assertThat(untouched.getMetadata().getFinalizers()).isNullOrEmpty();
    assertThat(platform.client.resources(Workload.class).inNamespace(other).list().getItems())
        .isEmpty();
  }

  // ---- 12. a scoped install: a deleted host pod still moves its Workloads ----

  @Test
  @Order(12)
  void inTheScopedInstallADeletedHostPodsWorkloadIsReadyOnAnotherHost() throws Exception {
    String ns = "e2e-watched"; // the scoped install of the previous flow
    List<Workload> ws = workloads(ns);
    assertThat(ws).hasSize(1);
    String victim = ws.get(0).getStatus().getHostId();
    long t0 = System.nanoTime();
    platform.hosts.deletePod(victim);
    Await.until(
        "Ready on another host",
        Duration.ofMinutes(3),
        () -> {
          List<Workload> now = workloads(ns);
          return now.size() == 1
              && E2EConditions.isReady(now.get(0))
              && !victim.equals(now.get(0).getStatus().getHostId());
        },
        platform::diagnostics);
    Duration moved = Duration.ofNanos(System.nanoTime() - t0);
    Platform.log(
        "scoped install: host pod deleted -> Ready elsewhere after %d ms", moved.toMillis());
    assertThat(moved).isLessThan(Duration.ofSeconds(30));
  }

  // ---- helpers ----

  static String namespace(String name) {
    platform.kubectl.ok("create", "namespace", name);
    return name;
  }

  /** wasmCloud's config/samples/deployment.yaml with a local component and its own host name. */
  static String helloYaml(String name, String host, int replicas) throws IOException {
    return Files.readString(ROOT.resolve("crds/src/test/resources/samples/hello.yaml"))
        .replace("name: hello\n", "name: " + name + "\n")
        .replace("replicas: 1", "replicas: " + replicas)
        .replace("host: hello.localhost.direct", "host: " + host)
        .replace(
            "image: ghcr.io/wasmcloud/components/http-hello-world-rust:0.1.0",
            "image: " + HELLO_WASM);
  }

  /** The config-injection example, unchanged but for the component path, host and replicas. */
  static String configInjectionYaml(String host, int replicas) throws IOException {
    return Files.readString(CONFIG_INJECTION.resolve("workload.yaml"))
        .replace(
            "image: ./config-injection.wasm",
            "image: " + CONFIG_INJECTION.resolve("config-injection.wasm"))
        .replace("host: config.localhost", "host: " + host)
        .replace("replicas: 1", "replicas: " + replicas);
  }

  /** kubectl apply in {@code ns}, then waits (3 min) for {@code name} Ready with its replicas. */
  static Duration applyAndAwaitReady(String ns, String yaml, String name, int replicas)
      throws Exception {
    long t0 = System.nanoTime();
    CommandResult r = platform.kubectl.apply(yaml, "-n", ns);
    assertThat(r.succeeded()).as(r.toString()).isTrue();
    awaitReady(ns, name, replicas, Duration.ofMinutes(3));
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  static Duration awaitReady(String ns, String name, int replicas, Duration timeout)
      throws InterruptedException {
    return Await.until(
        ns + "/" + name + " Ready with " + replicas + " Ready Workloads",
        timeout,
        () -> isReady(ns, name, replicas),
        platform::diagnostics);
  }

  static boolean isReady(String ns, String name, int replicas) {
    WorkloadDeployment d =
        platform.client.resources(WorkloadDeployment.class).inNamespace(ns).withName(name).get();
    List<Workload> ws = workloads(ns);
    return E2EConditions.isReady(d)
        && ws.size() == replicas
        && ws.stream().allMatch(E2EConditions::isReady);
  }

  static List<Workload> workloads(String ns) {
    return platform.client.resources(Workload.class).inNamespace(ns).list().getItems().stream()
        .filter(w -> w.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  /**
   * Waits until no Workload of an earlier flow is still being deleted (a routed one keeps serving
   * for its drain before its stop goes out), so that counts taken now stay put.
   */
  static void awaitNoWorkloadStopping() throws InterruptedException {
    Await.until(
        "no Workload of an earlier flow still stopping",
        Duration.ofSeconds(30),
        () ->
            platform.client.resources(Workload.class).inAnyNamespace().list().getItems().stream()
                .noneMatch(w -> w.getMetadata().getDeletionTimestamp() != null),
        platform::diagnostics);
  }

  static double sumMetric(String name, String... labels) throws IOException {
    double n = 0;
    for (HostProcess h : platform.hosts.all()) {
      n += h.metric(name, labels);
    }
    return n;
  }

  static double commands(String command) throws IOException {
    return sumMetric("virga_cluster_commands_total", "command=\"" + command + "\"");
  }
}
