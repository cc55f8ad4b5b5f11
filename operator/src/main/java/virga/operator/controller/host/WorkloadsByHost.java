package virga.operator.controller.host;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import virga.crds.v1alpha1.Workload;

/**
 * Workloads by the host they are placed on: fabric8 informers (one for every namespace, or one per
 * watched namespace) with an index on {@code status.hostId}, like wasmCloud's field index.
 */
public final class WorkloadsByHost implements AutoCloseable {
  /** The index name. */
  public static final String INDEX = "status.hostId";

  private final List<SharedIndexInformer<Workload>> informers = new ArrayList<>();

  private WorkloadsByHost() {}

  /** Starts the informers and waits (up to a minute) until their caches are filled. */
  public static WorkloadsByHost start(KubernetesClient client, Set<String> namespaces)
      throws Exception {
    WorkloadsByHost index = new WorkloadsByHost();
    if (namespaces.isEmpty()) {
      index.informers.add(client.resources(Workload.class).inAnyNamespace().runnableInformer(0));
    } else {
      for (String ns : namespaces) {
        index.informers.add(client.resources(Workload.class).inNamespace(ns).runnableInformer(0));
      }
    }
    for (SharedIndexInformer<Workload> informer : index.informers) {
      informer.addIndexers(Map.of(INDEX, WorkloadsByHost::hostIdOf));
      informer.start().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
    return index;
  }

  /** The Workloads whose status.hostId is {@code hostId}, as the caches know them. */
  public List<Workload> onHost(String hostId) {
    List<Workload> found = new ArrayList<>();
    for (SharedIndexInformer<Workload> informer : informers) {
      found.addAll(informer.getIndexer().byIndex(INDEX, hostId));
    }
    return found;
  }

  static List<String> hostIdOf(Workload w) {
    if (w.getStatus() == null || w.getStatus().getHostId() == null) {
      return List.of();
    }
    return List.of(w.getStatus().getHostId());
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
