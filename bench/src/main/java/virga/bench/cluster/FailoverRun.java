package virga.bench.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;

/**
 * Failover times (issue 9 point 5) with the operator's jar and three real {@code bin/host cluster}
 * processes on a real kube-apiserver + etcd and nats-server ({@link BenchCluster}). {@code N}
 * WorkloadDeployments of one replica each are made Ready, then:
 *
 * <ol>
 *   <li>{@code pod}: the Pod of the host holding the most replicas is deleted (there is no kubelet:
 *       the Pod is a bare object with the operator's finalizer and the host's IP as {@code
 *       status.podIP}, as FailoverIT makes it; the host process gets SIGTERM at the same moment, as
 *       the kubelet would send it); measured: deletion → every replica Ready on another host;
 *   <li>{@code kill}: a fourth host joins (three again), then the host holding the most replicas is
 *       killed with SIGKILL; measured: kill → every replica Ready on another host, and the time
 *       from its last heartbeat, which is what the operator's TTL counts from.
 * </ol>
 */
final class FailoverRun {
  private final BenchCluster cluster;

  FailoverRun(BenchCluster cluster) {
    this.cluster = cluster;
  }

  /** Runs both scenarios with {@code count} WorkloadDeployments; returns key=value lines. */
  String run(int count, Duration timeout, OperatorProcess operator) throws Exception {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      cluster.addHost();
    }
    cluster.awaitHostsReady(timeout);
    long t0 = System.nanoTime();
    for (int i = 0; i < count; i++) {
      cluster.createDeployment(String.format(Locale.ROOT, "app-%03d", i));
    }
    BenchCluster.await(
        "all " + count + " WorkloadDeployments Ready",
        timeout,
        () -> {
          operator.check();
          return cluster.allReadyAvoiding(count, null);
        });
    out.append(kv("initial_ready_seconds", seconds(System.nanoTime() - t0)));
    out.append("spread_initial=").append(cluster.spread()).append('\n');
    log("initial: " + cluster.spread());

    // 1. a host pod deleted
    String victim = busiest();
    int moved = cluster.replicasOn(victim);
    Pod pod = cluster.takePod(victim);
    log("pod: deleting the pod of " + victim + " (" + moved + " replicas)");
    long d0 = System.nanoTime();
    cluster.client.resource(pod).delete();
    cluster.hosts.signalTerm(victim);
    cluster.live.remove(victim);
    long podGone = awaitMoved(victim, count, timeout, operator);
    long d1 = System.nanoTime();
    out.append("pod_victim=").append(victim).append('\n');
    out.append("pod_moved=").append(moved).append('\n');
    out.append(kv("pod_to_ready_seconds", seconds(d1 - d0)));
    out.append(kv("pod_host_deleted_seconds", podGone == 0 ? -1 : seconds(podGone - d0)));
    out.append("spread_after_pod=").append(cluster.spread()).append('\n');
    log("pod: Ready elsewhere after " + seconds(d1 - d0) + " s: " + cluster.spread());
    cluster.writeEvents("pod");
    cluster.hosts.terminate(victim, 10);

    // 2. a host killed without a word
    cluster.addHost();
    cluster.awaitHostsReady(timeout);
    victim = busiest();
    moved = cluster.replicasOn(victim);
    log("kill: SIGKILL to " + victim + " (" + moved + " replicas)");
    long k0 = System.nanoTime();
    long lastBeat = cluster.bus.lastHeartbeat(victim);
    cluster.hosts.kill(victim);
    cluster.live.remove(victim);
    long killGone = awaitMoved(victim, count, timeout, operator);
    long k1 = System.nanoTime();
    out.append("kill_victim=").append(victim).append('\n');
    out.append("kill_moved=").append(moved).append('\n');
    out.append(kv("kill_to_ready_seconds", seconds(k1 - k0)));
    out.append(kv("kill_heartbeat_age_seconds", seconds(k0 - lastBeat)));
    out.append(kv("last_heartbeat_to_ready_seconds", seconds(k1 - lastBeat)));
    out.append(kv("kill_host_deleted_seconds", killGone == 0 ? -1 : seconds(killGone - k0)));
    out.append("spread_after_kill=").append(cluster.spread()).append('\n');
    log("kill: Ready elsewhere after " + seconds(k1 - k0) + " s: " + cluster.spread());
    cluster.writeEvents("kill");
    return out.toString();
  }

  private String busiest() {
    return cluster.live.stream().max(Comparator.comparingInt(cluster::replicasOn)).orElseThrow();
  }

  /**
   * Waits until every replica is Ready off {@code hostId}; returns when its Host object was first
   * seen gone (polled every 50 ms alongside), 0 if it still exists then.
   */
  private long awaitMoved(String hostId, int count, Duration timeout, OperatorProcess operator)
      throws InterruptedException {
    long[] gone = {0};
    BenchCluster.await(
        "replicas Ready off " + hostId,
        timeout,
        () -> {
          operator.check();
          if (gone[0] == 0 && cluster.hostObjectGone(hostId)) {
            gone[0] = System.nanoTime();
          }
          return cluster.allReadyAvoiding(count, hostId);
        });
    return gone[0];
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }

  private static String kv(String key, double value) {
    return String.format(Locale.ROOT, "%s=%.2f%n", key, value);
  }

  static void log(String line) {
    System.err.println("[failover] " + line);
  }
}
