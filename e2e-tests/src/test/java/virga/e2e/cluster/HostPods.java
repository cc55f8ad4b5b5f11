package virga.e2e.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the kubelet of a host group: for each (Pending) pod of the chart's host Deployment
 * it writes a pod IP ({@code 127.0.0.N}) into the pod's status and runs a {@link HostProcess} with
 * the pod's container args ({@code $(POD_NAME)}, {@code $(POD_IP)}, ... expanded), so that the host
 * id is the pod's name and deleting the pod deletes that host, as on a cluster.
 */
public final class HostPods implements AutoCloseable {
  private final KubernetesClient admin;
  private final String namespace;
  private final Map<String, String> selector;
  private final Path jar;
  private final Path workDir;
  private final Path logDir;
  private final Map<String, HostProcess> hosts = new LinkedHashMap<>();
  private final List<Thread> terminating = new ArrayList<>();
  private final List<HostProcess> gone = new ArrayList<>();
  private int nextIp = 1;

  /**
   * A group whose pods are those of {@code namespace} matching {@code selector}; each runs {@code
   * jar} with its container's args in {@code workDir}, logging to {@code logDir}.
   */
  public HostPods(
      KubernetesClient admin,
      String namespace,
      Map<String, String> selector,
      Path jar,
      Path workDir,
      Path logDir) {
    this.admin = admin;
    this.namespace = namespace;
    this.selector = Map.copyOf(selector);
    this.jar = jar;
    this.workDir = workDir;
    this.logDir = logDir;
  }

  /** The group's pods that are not being deleted, by name. */
  public List<Pod> pods() {
    return admin.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  /**
   * Waits until the group has {@code count} live pods, then starts a host for every pod without one
   * (giving it an IP first); returns the hosts started.
   */
  public synchronized List<HostProcess> sync(int count, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Pod> pods = pods();
    while (pods.size() != count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected "
                + count
                + " host pods in "
                + namespace
                + " "
                + selector
                + ", have "
                + pods.stream().map(p -> p.getMetadata().getName()).toList());
      }
      Thread.sleep(200);
      pods = pods();
    }
    List<HostProcess> started = new ArrayList<>();
    for (Pod pod : pods) {
      String name = pod.getMetadata().getName();
      if (hosts.containsKey(name)) {
        continue;
      }
      String ip = "127.0.0." + nextIp++;
      // the kubelet's job: the pod's IP, which the operator matches with the Host's hostname
      // (a merge patch without resourceVersion: the operator adds its finalizer meanwhile)
      admin
          .pods()
          .inNamespace(namespace)
          .withName(name)
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"status\":{\"podIP\":\"" + ip + "\",\"podIPs\":[{\"ip\":\"" + ip + "\"}]}}");
      HostProcess h = HostProcess.launch(jar, workDir, args(pod, ip), name, ip, logDir);
      hosts.put(name, h);
      started.add(h);
    }
    return started;
  }

  /** The pod's container args with its env expanded, as the kubelet would start it. */
  private List<String> args(Pod pod, String ip) {
    Container c = pod.getSpec().getContainers().get(0);
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
      if (e.getValue() != null) {
        env.put(e.getName(), e.getValue());
      } else if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
        String path = e.getValueFrom().getFieldRef().getFieldPath();
        switch (path) {
          case "metadata.name" -> env.put(e.getName(), pod.getMetadata().getName());
          case "metadata.namespace" -> env.put(e.getName(), namespace);
          case "status.podIP" -> env.put(e.getName(), ip);
          default -> {
            // not used in args
          }
        }
      }
    }
    return Flags.expand(c.getArgs() == null ? List.of() : c.getArgs(), env);
  }

  /**
   * Deletes the pod of host {@code id} and, as the kubelet does at the same time, sends its host
   * SIGTERM (it drains for its {@code --drain-timeout}) without waiting for it to exit.
   */
  public synchronized void deletePod(String id) {
    HostProcess h = get(id);
    admin.pods().inNamespace(namespace).withName(id).delete();
    hosts.remove(id);
    gone.add(h);
    Thread t =
        new Thread(
            () -> {
              try {
                h.terminate();
              } catch (InterruptedException e) {
                h.close();
              }
            },
            "terminate-" + id);
    t.start();
    terminating.add(t);
  }

  /** The host of pod {@code id}. */
  public synchronized HostProcess get(String id) {
    HostProcess h = hosts.get(id);
    if (h == null) {
      throw new AssertionError("no host process for pod " + id + " among " + hosts.keySet());
    }
    return h;
  }

  /** Every running host. */
  public synchronized Collection<HostProcess> all() {
    return new ArrayList<>(hosts.values());
  }

  /** Every host's log, for failure messages. */
  public synchronized String logs() {
    StringBuilder b = new StringBuilder();
    hosts.values().forEach(h -> b.append("==== ").append(h.id()).append('\n').append(h.output()));
    return b.toString();
  }

  @Override
  public synchronized void close() {
    hosts.values().forEach(HostProcess::close);
    hosts.clear();
    gone.forEach(HostProcess::close); // still draining: no longer
    for (Thread t : terminating) {
      try {
        t.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
