package virga.bench.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import virga.crds.v1alpha1.RuntimeApi;
import virga.testsupport.KubeApiServer;
import virga.testsupport.KubeApiTestDir;

/**
 * Cluster-mode benchmark driver (run by {@code bench/cluster/run.sh}; not a test): {@code start}
 * measures start latency over NATS against a real {@code bin/host cluster} process ({@link
 * StartLatencyRun}); {@code failover} measures failover times with the operator's jar, real hosts
 * and a real kube-apiserver + etcd ({@link FailoverRun}); {@code scale} measures N
 * WorkloadDeployments Ready on three real hosts ({@link ScaleRun}). Writes key=value lines to
 * {@code --out}.
 *
 * <p>Common arguments: {@code --nats URL} (a running nats-server), {@code --root DIR} (the
 * repository, for {@code bin/host} and the guests), {@code --out FILE}, {@code --logs DIR}, {@code
 * --pids FILE} (every process group the driver starts is appended, for the script's cleanup),
 * {@code --host-jar JAR} (the host's CLI jar, what {@code bin/host} runs), {@code --host-java-opts
 * OPTS}. {@code start}: {@code --warmup N --samples N --fresh N}. {@code failover}: {@code
 * --operator-jar JAR --count N --ttl D --host-interval D --timeout SECONDS --operator-xmx SIZE}.
 * {@code scale}: {@code --operator-jar JAR --count N --create-threads N --timeout SECONDS
 * --operator-xmx SIZE}.
 */
public final class ClusterBench {
  private ClusterBench() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1); // kube-api-test and NATS leave non-daemon threads behind
    }
    System.exit(0);
  }

  private static void run(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException(
          "usage: ClusterBench start|failover|scale --key value ...");
    }
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    Path root = Path.of(a.getOrDefault("root", ".")).toAbsolutePath().normalize();
    Path out = Path.of(required(a, "out"));
    Path logs = Files.createDirectories(Path.of(a.getOrDefault("logs", "bench/target/cluster")));
    Path pids = Path.of(required(a, "pids"));
    Path image = root.resolve(a.getOrDefault("image", "guests/wasm/wasi-http-hello.wasm"));
    String nats = required(a, "nats");
    String hostJava = a.getOrDefault("host-java-opts", "-Xmx256m");
    Path hostJar = Path.of(required(a, "host-jar")).toAbsolutePath();
    String result;
    try (ControlBus bus = new ControlBus(nats);
        HostProcesses hosts = new HostProcesses(hostJar, nats, logs, pids, hostJava)) {
      result =
          switch (args[0]) {
            case "start" ->
                new StartLatencyRun(bus, hosts, image, logs)
                    .run(
                        Integer.parseInt(a.getOrDefault("warmup", "20")),
                        Integer.parseInt(a.getOrDefault("samples", "100")),
                        Integer.parseInt(a.getOrDefault("fresh", "10")));
            case "failover", "scale" ->
                operatorRun(args[0], a, bus, hosts, image, logs, pids, nats);
            default -> throw new IllegalArgumentException("unknown part " + args[0]);
          };
    }
    Files.writeString(out, result);
    System.err.print(result);
  }

  /** Part b ({@code failover}) or c ({@code scale}): the operator, real hosts, an API server. */
  private static String operatorRun(
      String part,
      Map<String, String> a,
      ControlBus bus,
      HostProcesses hosts,
      Path image,
      Path logs,
      Path pids,
      String nats)
      throws Exception {
    Path jar = Path.of(required(a, "operator-jar"));
    boolean scale = part.equals("scale");
    int count = Integer.parseInt(a.getOrDefault("count", scale ? "1000" : "9"));
    // "default": the operator's own (--heartbeat-ttl 20s, --host-reconcile-interval 1m)
    String ttl = a.getOrDefault("ttl", "default");
    String interval = a.getOrDefault("host-interval", "default");
    Duration timeout = Duration.ofSeconds(Long.parseLong(a.getOrDefault("timeout", "180")));
    // the failover run may set the operator's timings (see bench/cluster/run.sh); the scale run
    // keeps its defaults, as bench/operator/run.sh does
    List<String> flags = new java.util.ArrayList<>();
    if (scale) {
      // the three hosts share this machine: each reports the whole machine's CPU, which the
      // operator and the API server load during the burst, so the threshold meant for a host's own
      // CPU would refuse every host until the burst is over
      flags.addAll(List.of("--cpu-backpressure-threshold", "100"));
    }
    if (!scale && !ttl.equals("default")) {
      flags.addAll(List.of("--heartbeat-ttl", ttl));
    }
    if (!scale && !interval.equals("default")) {
      flags.addAll(List.of("--host-reconcile-interval", interval));
    }
    Path gcLog = logs.resolve("operator-" + part + ".gc.log");
    try (KubeApiServer kube = KubeApiServer.start(KubeApiTestDir.fromSettings())) {
      kube.applyCrdResources(RuntimeApi.CRD_RESOURCES);
      BenchCluster cluster = new BenchCluster(kube.client(), bus, hosts, image, logs);
      cluster.prepare();
      try (OperatorProcess operator =
          OperatorProcess.start(
              jar,
              nats,
              BenchCluster.HOST_NS,
              kube.kubeConfigFile(),
              flags,
              a.getOrDefault("operator-xmx", "512m"),
              logs.resolve("operator-" + part + ".log"),
              gcLog,
              pids)) {
        String r =
            scale
                ? new ScaleRun(cluster)
                    .run(
                        count,
                        Integer.parseInt(a.getOrDefault("create-threads", "8")),
                        timeout,
                        operator,
                        gcLog)
                : "count="
                    + count
                    + "\nttl="
                    + ttl
                    + "\nhost_interval="
                    + interval
                    + "\n"
                    + new FailoverRun(cluster).run(count, timeout, operator);
        operator.check();
        return r;
      } finally {
        hosts.close(); // before the API server goes: draining hosts answer the operator
      }
    }
  }

  private static String required(Map<String, String> a, String key) {
    String v = a.get(key);
    if (v == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return v;
  }
}
