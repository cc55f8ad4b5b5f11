package virga.operator.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import virga.crds.v1alpha1.ConditionTypes;
import virga.crds.v1alpha1.ConditionedStatus;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.RuntimeApi;
import virga.crds.v1alpha1.WorkloadDeployment;
import virga.operator.conditions.Conditions;
import virga.operator.testing.FakeHost;
import virga.testsupport.FreePorts;
import virga.testsupport.KubeApiServer;
import virga.testsupport.KubeApiTestDir;
import virga.testsupport.NatsServer;
import virga.testsupport.NatsServerBinary;

/**
 * The operator benchmark driver (not a test; run by {@code bench/operator/run.sh}): a real
 * kube-apiserver + etcd and nats-server, three FakeHosts, the operator's shaded jar as its own JVM
 * ({@code java -XmxN -jar}), then N WorkloadDeployments of one replica each created at once. It
 * measures the time from the first create until every WorkloadDeployment is Ready, the operator's
 * reconciliations (JOSDK's counters on its /metrics) and its heap (the GC log's largest pre-GC
 * occupancy, plus /metrics samples every 500 ms, plus the process's peak RSS).
 *
 * <p>Arguments: {@code --jar PATH} (required), {@code --count N} (1000), {@code --hosts N} (3),
 * {@code --xmx SIZE} (512m), {@code --out DIR} (bench/operator/out), {@code --timeout SECONDS}
 * (600), {@code --create-threads N} (8).
 */
public final class OperatorBench {
  static final String HOST_NS = "virga-system";
  static final String APPS = "bench";

  /** More operator flags ({@code --operator-args "--reconcile-threads 100"}). */
  static List<String> operatorArgs = List.of();

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path jar = Path.of(required(a, "jar"));
    int count = Integer.parseInt(a.getOrDefault("count", "1000"));
    int hostCount = Integer.parseInt(a.getOrDefault("hosts", "3"));
    String xmx = a.getOrDefault("xmx", "512m");
    Path out = Path.of(a.getOrDefault("out", "bench/operator/out"));
    int timeout = Integer.parseInt(a.getOrDefault("timeout", "600"));
    int createThreads = Integer.parseInt(a.getOrDefault("create-threads", "8"));
    String extra = a.getOrDefault("operator-args", "").trim();
    operatorArgs = extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    Files.createDirectories(out);
    int exit = 1;
    try (KubeApiServer kube = KubeApiServer.start(KubeApiTestDir.fromSettings());
        NatsServer nats = NatsServer.start(NatsServerBinary.find())) {
      exit = run(kube, nats, jar, count, hostCount, xmx, out, timeout, createThreads);
    }
    System.exit(exit);
  }

  static String required(Map<String, String> a, String key) {
    String v = a.get(key);
    if (v == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return v;
  }

  static int run(
      KubeApiServer kube,
      NatsServer nats,
      Path jar,
      int count,
      int hostCount,
      String xmx,
      Path out,
      int timeoutSeconds,
      int createThreads)
      throws Exception {
    KubernetesClient client = kube.client();
    kube.applyCrdResources(RuntimeApi.CRD_RESOURCES);
    for (String ns : new String[] {HOST_NS, APPS}) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    Connection hostConn = Nats.connect(nats.url());
    List<FakeHost> hosts = new ArrayList<>();
    for (int i = 1; i <= hostCount; i++) {
      hosts.add(
          FakeHost.builder("BENCHHOST" + i)
              .friendlyName("bench-host-" + i)
              .heartbeatInterval(Duration.ofSeconds(2))
              .start(hostConn));
    }

    int metricsPort = FreePorts.find();
    Path gcLog = out.resolve("operator-gc.log").toAbsolutePath();
    Files.deleteIfExists(gcLog);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(java, "-Xmx" + xmx, "-Xlog:gc:file=" + gcLog)
            .redirectErrorStream(true)
            .redirectOutput(out.resolve("operator.log").toFile());
    // OPERATOR_JVM_ARGS: extra JVM flags, e.g. a flight recording (-XX:StartFlightRecording=...)
    String jvmArgs = System.getenv().getOrDefault("OPERATOR_JVM_ARGS", "").trim();
    if (!jvmArgs.isEmpty()) {
      pb.command().addAll(List.of(jvmArgs.split("\\s+")));
    }
    pb.command()
        .addAll(
            List.of(
                "-jar",
                jar.toAbsolutePath().toString(),
                "--nats-url",
                nats.url(),
                "--host-namespace",
                HOST_NS,
                "--metrics-bind-address",
                "127.0.0.1:" + metricsPort,
                "--health-probe-bind-address",
                "0"));
    pb.command().addAll(operatorArgs);
    pb.environment().put("KUBECONFIG", kube.kubeConfigFile().toString());
    pb.environment().put("POD_NAME", "bench-operator");
    Process operator = pb.start();
    Sampler sampler = new Sampler(metricsPort, operator.pid());
    try {
      long startedAt = System.nanoTime();
      waitFor(
          "operator /metrics",
          Duration.ofSeconds(60),
          () -> operator.isAlive() && sampler.scrape() != null);
      waitFor(
          hostCount + " Ready Hosts",
          Duration.ofSeconds(60),
          () ->
              client.resources(Host.class).inNamespace(HOST_NS).list().getItems().stream()
                      .filter(h -> isReady(h.getStatus()))
                      .count()
                  == hostCount);
      System.out.printf(
          "operator up and %d hosts Ready after %.1f s%n",
          hostCount, (System.nanoTime() - startedAt) / 1e9);
      String idle = sampler.scrape();
      double reconcilesBefore = sum(idle, "operator_sdk_reconciliations_started_total");

      Map<String, Boolean> ready = new ConcurrentHashMap<>();
      AtomicLong lastReadyNanos = new AtomicLong();
      SharedIndexInformer<WorkloadDeployment> informer =
          client
              .resources(WorkloadDeployment.class)
              .inNamespace(APPS)
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(WorkloadDeployment d) {
                      onUpdate(null, d);
                    }

                    @Override
                    public void onUpdate(WorkloadDeployment old, WorkloadDeployment d) {
                      if (isReady(d.getStatus())
                          && ready.put(d.getMetadata().getName(), true) == null) {
                        lastReadyNanos.set(System.nanoTime());
                      }
                    }

                    @Override
                    public void onDelete(WorkloadDeployment d, boolean unknown) {}
                  });

      sampler.start();
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(createThreads);
      List<Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = String.format("bench-%04d", i);
        creates.add(
            pool.submit(
                () ->
                    client
                        .resource(Serialization.unmarshal(yaml(name), WorkloadDeployment.class))
                        .inNamespace(APPS)
                        .create()));
      }
      for (Future<?> f : creates) {
        f.get();
      }
      pool.shutdown();
      long createdNanos = System.nanoTime() - t0;
      System.out.printf("created %d WorkloadDeployments in %.1f s%n", count, createdNanos / 1e9);

      long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      int lastPrinted = -1;
      while (ready.size() < count && System.nanoTime() < deadline && operator.isAlive()) {
        Thread.sleep(250);
        int n = ready.size();
        if (n / 100 != lastPrinted / 100) {
          System.out.printf("  %.1f s: %d Ready%n", (System.nanoTime() - t0) / 1e9, n);
          lastPrinted = n;
        }
      }
      boolean allReady = ready.size() == count;
      if (!allReady) {
        diagnose(client, ready, out);
      }
      double seconds = ((allReady ? lastReadyNanos.get() : System.nanoTime()) - t0) / 1e9;
      // let the operator settle a moment for the counters, then take the last samples
      Thread.sleep(1000);
      sampler.stop();
      String finalScrape = sampler.scrape();
      informer.close();

      double reconciles = sum(finalScrape, "operator_sdk_reconciliations_started_total");
      Map<String, Double> byKind = new LinkedHashMap<>();
      for (String kind : new String[] {"WorkloadDeployment", "WorkloadReplicaSet", "Workload"}) {
        byKind.put(
            kind,
            sum(
                finalScrape,
                "operator_sdk_reconciliations_started_total",
                "kind=\"" + kind + "\""));
      }
      double failed = sum(finalScrape, "operator_sdk_reconciliations_failed_total");
      long gcPeak = GcLog.peakBeforeGcBytes(gcLog);
      long started = hosts.stream().mapToLong(h -> h.startRequests().size()).sum();
      long running = hosts.stream().mapToLong(h -> h.workloads().size()).sum();

      StringBuilder r = new StringBuilder();
      r.append(String.format("count=%d hosts=%d xmx=%s%n", count, hostCount, xmx));
      r.append(String.format("all_ready=%s ready=%d%n", allReady, ready.size()));
      r.append(String.format("create_seconds=%.2f%n", createdNanos / 1e9));
      r.append(String.format("first_create_to_all_ready_seconds=%.2f%n", seconds));
      r.append(
          String.format(
              "reconciles_started=%.0f (during run: %.0f) by_kind=%s failed=%.0f%n",
              reconciles, reconciles - reconcilesBefore, byKind, failed));
      r.append(
          String.format(
              "reconciles_per_second_avg=%.1f peak_1s=%.1f%n",
              (reconciles - reconcilesBefore) / seconds, sampler.peakReconcileRate));
      r.append(
          String.format(
              "heap_max_used_mb_metrics=%.1f heap_peak_before_gc_mb=%.1f heap_committed_max_mb=%.1f%n",
              sampler.maxHeapUsed / 1048576.0,
              gcPeak / 1048576.0,
              sampler.maxHeapCommitted / 1048576.0));
      r.append(String.format("operator_peak_rss_mb=%.1f%n", sampler.peakRssKb() / 1024.0));
      r.append(
          String.format(
              "host_start_requests=%d workloads_on_hosts=%d gc_pauses=%d gc_pause_total_ms=%.1f%n",
              started, running, GcLog.pauses(gcLog), GcLog.pauseMillis(gcLog)));
      r.append(String.format("cpus=%d%n", Runtime.getRuntime().availableProcessors()));
      System.out.print(r);
      Files.writeString(out.resolve("result.txt"), r.toString());
      Files.writeString(out.resolve("metrics-final.txt"), finalScrape);
      try {
        // what the API server was asked, by verb and resource (writes are what a run costs)
        String api = client.raw("/metrics");
        Files.writeString(
            out.resolve("apiserver-requests.txt"),
            api.lines()
                .filter(l -> l.startsWith("apiserver_request_total{"))
                .filter(l -> !l.contains("verb=\"WATCH\""))
                .collect(Collectors.joining("\n", "", "\n")));
      } catch (RuntimeException e) {
        System.err.println("no API server metrics: " + e);
      }
      Files.writeString(out.resolve("samples.csv"), sampler.csv.toString());
      for (FakeHost h : hosts) {
        h.close();
      }
      hostConn.close();
      return allReady ? 0 : 2;
    } finally {
      sampler.stop();
      operator.destroy();
      if (!operator.waitFor(20, TimeUnit.SECONDS)) {
        System.out.println("operator did not exit 20 s after SIGTERM; killing it");
        operator.destroyForcibly();
      }
    }
  }

  /** What the apiserver holds when not everything got Ready: counts and a few statuses. */
  static void diagnose(KubernetesClient client, Map<String, Boolean> ready, Path out)
      throws IOException {
    StringBuilder d = new StringBuilder();
    d.append("replicasets=")
        .append(
            client
                .resources(virga.crds.v1alpha1.WorkloadReplicaSet.class)
                .inNamespace(APPS)
                .list()
                .getItems()
                .size())
        .append(" workloads=")
        .append(
            client
                .resources(virga.crds.v1alpha1.Workload.class)
                .inNamespace(APPS)
                .list()
                .getItems()
                .size())
        .append(" events=")
        .append(client.v1().events().inNamespace(APPS).list().getItems().size())
        .append('\n');
    client.resources(WorkloadDeployment.class).inNamespace(APPS).list().getItems().stream()
        .filter(w -> !ready.containsKey(w.getMetadata().getName()))
        .limit(3)
        .forEach(w -> d.append(Serialization.asYaml(w)));
    client
        .resources(virga.crds.v1alpha1.Workload.class)
        .inNamespace(APPS)
        .list()
        .getItems()
        .stream()
        .limit(2)
        .forEach(w -> d.append(Serialization.asYaml(w.getStatus())));
    client.v1().events().inNamespace(APPS).list().getItems().stream()
        .filter(e -> !"Normal".equals(e.getType()))
        .limit(10)
        .forEach(e -> d.append(e.getReason()).append(": ").append(e.getMessage()).append('\n'));
    client.v1().events().inNamespace(APPS).list().getItems().stream()
        .limit(10)
        .forEach(e -> d.append(e.getReason()).append(": ").append(e.getMessage()).append('\n'));
    Files.writeString(out.resolve("not-ready.txt"), d.toString());
    System.out.print(d.substring(0, Math.min(d.length(), 4000)));
  }

  static String yaml(String name) {
    return "apiVersion: runtime.wasmcloud.dev/v1alpha1\n"
        + "kind: WorkloadDeployment\n"
        + "metadata:\n"
        + "  name: "
        + name
        + "\n"
        + "spec:\n"
        + "  replicas: 1\n"
        + "  template:\n"
        + "    spec:\n"
        + "      hostSelector:\n"
        + "        hostgroup: default\n"
        + "      components:\n"
        + "        - name: app\n"
        + "          image: ghcr.io/example/bench:1\n";
  }

  static boolean isReady(Object status) {
    return status instanceof ConditionedStatus s && Conditions.isTrue(s, ConditionTypes.READY);
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitFor(String what, Duration max, Check check) throws Exception {
    long end = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (check.ok()) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        // not yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("timed out waiting for " + what);
  }

  /** Sum of every sample of a metric with all the given label fragments. */
  static double sum(String scrape, String name, String... labels) {
    double total = 0;
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$")
            .matcher(scrape);
    outer:
    while (m.find()) {
      String l = m.group(1) == null ? "" : m.group(1);
      for (String want : labels) {
        if (!l.contains(want)) {
          continue outer;
        }
      }
      total += Double.parseDouble(m.group(2));
    }
    return total;
  }

  /** Scrapes the operator every 500 ms: heap used/committed and the reconcile rate. */
  static final class Sampler {
    final HttpClient http = HttpClient.newHttpClient();
    final int port;
    final long pid;
    final StringBuilder csv = new StringBuilder("seconds,heap_used_mb,reconciles_started\n");
    volatile double maxHeapUsed;
    volatile double maxHeapCommitted;
    volatile double peakReconcileRate;
    private Thread thread;
    private volatile boolean running;

    Sampler(int port, long pid) {
      this.port = port;
      this.pid = pid;
    }

    String scrape() throws Exception {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    }

    synchronized void start() {
      running = true;
      long t0 = System.nanoTime();
      thread =
          new Thread(
              () -> {
                double lastCount = -1;
                long lastAt = 0;
                while (running) {
                  try {
                    String s = scrape();
                    long now = System.nanoTime();
                    double used = sum(s, "jvm_memory_used_bytes", "area=\"heap\"");
                    double committed = sum(s, "jvm_memory_committed_bytes", "area=\"heap\"");
                    double count = sum(s, "operator_sdk_reconciliations_started_total");
                    maxHeapUsed = Math.max(maxHeapUsed, used);
                    maxHeapCommitted = Math.max(maxHeapCommitted, committed);
                    if (lastCount >= 0 && now - lastAt >= 900_000_000L) {
                      peakReconcileRate =
                          Math.max(peakReconcileRate, (count - lastCount) / ((now - lastAt) / 1e9));
                      lastCount = count;
                      lastAt = now;
                    } else if (lastCount < 0) {
                      lastCount = count;
                      lastAt = now;
                    }
                    synchronized (csv) {
                      csv.append(
                          String.format(
                              "%.2f,%.1f,%.0f%n", (now - t0) / 1e9, used / 1048576.0, count));
                    }
                    Thread.sleep(500);
                  } catch (InterruptedException e) {
                    return;
                  } catch (Exception e) {
                    // a slow scrape under load: try again
                  }
                }
              },
              "metrics-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    synchronized void stop() throws InterruptedException {
      running = false;
      if (thread != null) {
        thread.interrupt();
        thread.join(5000);
        thread = null;
      }
    }

    long peakRssKb() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith("VmHWM:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException e) {
        // gone
      }
      return -1;
    }
  }

  /**
   * Reads {@code -Xlog:gc} lines like "Pause Young (Normal) (G1 Evacuation Pause) 45M->12M(256M)
   * 3.4ms".
   */
  static final class GcLog {
    static final Pattern LINE =
        Pattern.compile("Pause.* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([0-9.]+)ms");

    static long bytes(String n, String unit) {
      long v = Long.parseLong(n);
      return switch (unit) {
        case "K" -> v << 10;
        case "M" -> v << 20;
        default -> v << 30;
      };
    }

    static long peakBeforeGcBytes(Path log) throws IOException {
      long max = 0;
      for (String line : Files.readAllLines(log)) {
        Matcher m = LINE.matcher(line);
        if (m.find()) {
          max = Math.max(max, bytes(m.group(1), m.group(2)));
        }
      }
      return max;
    }

    static int pauses(Path log) throws IOException {
      int n = 0;
      for (String line : Files.readAllLines(log)) {
        if (LINE.matcher(line).find()) {
          n++;
        }
      }
      return n;
    }

    static double pauseMillis(Path log) throws IOException {
      double total = 0;
      for (String line : Files.readAllLines(log)) {
        Matcher m = LINE.matcher(line);
        if (m.find()) {
          total += Double.parseDouble(m.group(7));
        }
      }
      return total;
    }
  }
}
