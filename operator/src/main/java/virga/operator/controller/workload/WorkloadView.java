package virga.operator.controller.workload;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Optional;
import virga.crds.v1alpha1.Workload;

/**
 * The Workloads a placement looks at: the controller's informer cache when reconciling, else the
 * server (tests that drive a pass without a controller).
 */
interface WorkloadView {
  /** The Workloads in every watched namespace. */
  List<Workload> all();

  /** One Workload by namespace and name. */
  Optional<Workload> get(String namespace, String name);

  static WorkloadView of(KubernetesClient client, Optional<Context<Workload>> context) {
    if (context.isPresent()) {
      var cache = context.get().getPrimaryCache();
      return new WorkloadView() {
        @Override
        public List<Workload> all() {
          return cache.list().toList();
        }

        @Override
        public Optional<Workload> get(String namespace, String name) {
          return cache.get(new ResourceID(name, namespace));
        }
      };
    }
    return new WorkloadView() {
      @Override
      public List<Workload> all() {
        return client.resources(Workload.class).inAnyNamespace().list().getItems();
      }

      @Override
      public Optional<Workload> get(String namespace, String name) {
        return Optional.ofNullable(
            client.resources(Workload.class).inNamespace(namespace).withName(name).get());
      }
    };
  }
}
