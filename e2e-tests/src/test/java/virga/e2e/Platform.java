package virga.e2e;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import virga.crds.v1alpha1.Host;
import virga.e2e.cluster.Await;
import virga.e2e.cluster.Helm;
import virga.e2e.cluster.HostPods;
import virga.e2e.cluster.HostProcess;
import virga.e2e.cluster.KubeControlPlane;
import virga.e2e.cluster.Kubectl;
import virga.e2e.cluster.OperatorProcess;
import virga.e2e.cluster.ServiceAccountKubeconfig;
import virga.testsupport.NatsServer;
import virga.testsupport.NatsServerBinary;

/**
 * The platform as the chart installs it, on this machine: the control plane, {@code helm install}
 * of charts/virga, the operator as a process with the chart's ServiceAccount token and the chart
 * Deployment's own arguments, and one {@link HostProcess} per Pending pod of the chart's host
 * Deployment, with that pod's arguments; the chart's NATS URLs name the local nats-server.
 */
final class Platform implements AutoCloseable {
  /** The repository root (failsafe runs in e2e-tests/). */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  static final Path CHART = ROOT.resolve("charts/virga");
  static final String RELEASE = "virga";
  static final String SYSTEM_NS = "virga-system";

  /** The label the operator's pod controller selects host pods by. */
  static final String HOSTGROUP_LABEL = "wasmcloud.com/hostgroup";

  final Path work;
  final KubeControlPlane cp;
  final NatsServer nats;
  final Helm helm;
  final Kubectl kubectl;
  final KubernetesClient client;
  final List<String> values;
  Path operatorKubeconfig;
  Kubectl asOperator;
  String serviceAccount;
  OperatorProcess operator;
  HostPods hosts;

  private Platform(Path work, KubeControlPlane cp, NatsServer nats, List<String> values)
      throws IOException {
    this.work = work;
    this.cp = cp;
    this.nats = nats;
    this.helm = new Helm(cp.kubeconfig());
    this.kubectl = new Kubectl(cp.kubeconfig());
    this.client = cp.admin();
    this.values = List.copyOf(values);
  }

  /**
   * Starts everything in {@code work} (emptied first); the chart gets {@code values} and NATS: its
   * own off, both URLs pointing at the local server.
   */
  static Platform start(Path work, List<String> values, int hostReplicas) throws Exception {
    deleteRecursively(work);
    Files.createDirectories(work);
    KubeControlPlane cp = null;
    NatsServer nats = null;
    Platform p = null;
    try {
      long t0 = System.nanoTime();
      cp = KubeControlPlane.start(work.resolve("kube"));
      nats = NatsServer.start(NatsServerBinary.find());
      List<String> all = new ArrayList<>();
      all.addAll(E2EValues.hostGroup(hostReplicas));
      all.addAll(values);
      all.addAll(
          List.of(
              "nats.enabled=false",
              "global.nats.schedulerUrl=" + nats.url(),
              "global.nats.dataUrl=" + nats.url(),
              // the hosts report the whole machine's CPU; on 2 shared cores running everything
              // that can pass the 80 % default and make placement depend on load (RealHostsIT)
              "operator.cpuBackpressureThreshold=100",
              "operator.memoryBackpressureThreshold=100"));
      p = new Platform(work, cp, nats, all);
      log("control plane + NATS up in %d ms", (System.nanoTime() - t0) / 1_000_000);
      t0 = System.nanoTime();
      p.helm.upgradeInstall(RELEASE, CHART, SYSTEM_NS, p.values);
      log("helm install in %d ms", (System.nanoTime() - t0) / 1_000_000);
      p.startOperator();
      p.startHosts(hostReplicas);
      return p;
    } catch (Exception | Error e) {
      if (p != null) {
        p.close();
      } else {
        if (nats != null) {
          nats.close();
        }
        if (cp != null) {
          cp.close();
        }
      }
      throw e;
    }
  }

  static void log(String format, Object... args) {
    System.out.printf("[E2E] " + format + "%n", args);
  }

  /** The chart's operator Deployment (the one whose pods carry no host-group label). */
  Deployment operatorDeployment() {
    List<Deployment> ds =
        client.apps().deployments().inNamespace(SYSTEM_NS).list().getItems().stream()
            .filter(d -> d.getMetadata().getName().contains("operator"))
            .toList();
    if (ds.size() != 1) {
      throw new AssertionError(
          "expected one operator Deployment in "
              + SYSTEM_NS
              + ", found "
              + client.apps().deployments().inNamespace(SYSTEM_NS).list().getItems().stream()
                  .map(d -> d.getMetadata().getName())
                  .toList());
    }
    return ds.get(0);
  }

  /** The chart's host-group Deployments (pods labelled with the host group). */
  List<Deployment> hostDeployments() {
    return client.apps().deployments().inAnyNamespace().list().getItems().stream()
        .filter(
            d ->
                d.getSpec().getTemplate().getMetadata().getLabels() != null
                    && d.getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels()
                        .containsKey(HOSTGROUP_LABEL))
        .toList();
  }

  /**
   * Starts the operator as its Pending pod would run: the Deployment's args (the NATS URL replaced
   * by the local server's, TLS file flags dropped), its env resolved for the pod, and a kubeconfig
   * with its ServiceAccount's token.
   */
  void startOperator() throws Exception {
    Deployment d = operatorDeployment();
    serviceAccount = d.getSpec().getTemplate().getSpec().getServiceAccountName();
    if (serviceAccount == null) {
      throw new AssertionError("the operator Deployment names no serviceAccountName");
    }
    operatorKubeconfig =
        ServiceAccountKubeconfig.write(
            cp,
            SYSTEM_NS,
            serviceAccount,
            Duration.ofSeconds(60),
            work.resolve("operator.kubeconfig"));
    asOperator = new Kubectl(operatorKubeconfig);
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    // the chart's own arguments: its --nats-url is the local server (global.nats.schedulerUrl)
    List<String> args = c.getArgs() == null ? List.of() : c.getArgs();
    if (!args.contains("--nats-url=" + nats.url())) {
      throw new AssertionError("the operator's args do not name " + nats.url() + ": " + args);
    }
    // the ReplicaSet controller makes the (Pending) pod; the process takes its name
    Await.until(
        "a pod of the operator Deployment",
        Duration.ofSeconds(30),
        () -> !podsOf(d).isEmpty(),
        cp::controllerManagerLog);
    String podName = podsOf(d).get(0).getMetadata().getName();
    Map<String, String> env = new HashMap<>();
    for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      } else if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
        String path = e.getValueFrom().getFieldRef().getFieldPath();
        env.put(e.getName(), path.equals("metadata.namespace") ? SYSTEM_NS : podName);
      }
    }
    env.putIfAbsent("POD_NAME", podName);
    long t0 = System.nanoTime();
    operator =
        OperatorProcess.start(
            OperatorProcess.jar(ROOT), args, operatorKubeconfig, env, work.resolve("operator.log"));
    log(
        "operator (ServiceAccount %s, args %s) ready in %d ms",
        serviceAccount, args, (System.nanoTime() - t0) / 1_000_000);
  }

  /** {@code helm upgrade} of the release with this platform's values and {@code more}. */
  void upgrade(List<String> more) {
    List<String> all = new ArrayList<>(values);
    all.addAll(more);
    helm.upgradeInstall(RELEASE, CHART, SYSTEM_NS, all);
  }

  /** Stops the operator and starts it again from the (possibly upgraded) Deployment. */
  void restartOperator() throws Exception {
    operator.close();
    startOperator();
  }

  private List<Pod> podsOf(Deployment d) {
    return client
        .pods()
        .inNamespace(d.getMetadata().getNamespace())
        .withLabels(d.getSpec().getSelector().getMatchLabels())
        .list()
        .getItems();
  }

  /** Runs a host per pod of the chart's (single) host Deployment once it has {@code n} pods. */
  void startHosts(int n) throws Exception {
    List<Deployment> groups = hostDeployments();
    if (groups.size() != 1) {
      throw new AssertionError(
          "expected one host-group Deployment, found "
              + groups.stream().map(d -> d.getMetadata().getName()).toList());
    }
    Deployment g = groups.get(0);
    hosts =
        new HostPods(
            client,
            g.getMetadata().getNamespace(),
            g.getSpec().getSelector().getMatchLabels(),
            HostProcess.jar(ROOT),
            ROOT,
            work.resolve("hosts"));
    long t0 = System.nanoTime();
    hosts.sync(n, Duration.ofSeconds(60));
    awaitHostsReady();
    log("%d hosts Ready in %d ms", n, (System.nanoTime() - t0) / 1_000_000);
  }

  /** Waits until every running host process has a Ready Host object. */
  void awaitHostsReady() throws InterruptedException {
    List<String> ids = hosts.all().stream().map(HostProcess::id).toList();
    Await.until(
        "Hosts " + ids + " Ready",
        Duration.ofSeconds(120),
        () -> {
          List<Host> found =
              client.resources(Host.class).inNamespace(SYSTEM_NS).list().getItems().stream()
                  .filter(h -> ids.contains(h.getHostId()))
                  .toList();
          return found.size() == ids.size() && found.stream().allMatch(E2EConditions::isReady);
        },
        this::diagnostics);
  }

  /** The operator's log and every host's, trimmed, for failure messages. */
  String diagnostics() {
    String op = operator == null ? "(no operator)" : operator.output();
    String hs = hosts == null ? "(no hosts)" : hosts.logs();
    return "==== objects\n"
        + objects()
        + "==== operator\n"
        + op.substring(Math.max(0, op.length() - 15_000))
        + "\n==== hosts\n"
        + hs.substring(Math.max(0, hs.length() - 10_000));
  }

  /** Every WorkloadDeployment, WorkloadReplicaSet and Workload with its conditions, a line each. */
  private String objects() {
    StringBuilder b = new StringBuilder();
    try {
      for (Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> type :
          List.of(
              virga.crds.v1alpha1.WorkloadDeployment.class,
              virga.crds.v1alpha1.WorkloadReplicaSet.class,
              virga.crds.v1alpha1.Workload.class)) {
        for (var o : client.resources(type).inAnyNamespace().list().getItems()) {
          b.append(type.getSimpleName())
              .append(' ')
              .append(o.getMetadata().getNamespace())
              .append('/')
              .append(o.getMetadata().getName())
              .append(o.getMetadata().getDeletionTimestamp() == null ? "" : " (deleting)")
              .append(": ")
              .append(io.fabric8.kubernetes.client.utils.Serialization.asJson(o.getStatus()))
              .append('\n');
        }
      }
    } catch (RuntimeException e) {
      b.append("(cannot list: ").append(e).append(")\n");
    }
    return b.toString();
  }

  @Override
  public void close() {
    if (hosts != null) {
      hosts.close();
    }
    if (operator != null) {
      operator.close();
    }
    nats.close();
    cp.close();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
