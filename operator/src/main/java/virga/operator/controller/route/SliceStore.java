package virga.operator.controller.route;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the route controller's EndpointSlices in whichever {@code discovery.k8s.io}
 * version the API server serves: {@code v1} (Kubernetes 1.21 and later) when it does, else {@code
 * v1beta1} (1.17 to 1.24). Only slices with both route labels are ever listed, so slices of other
 * controllers are never touched.
 */
public interface SliceStore {
  /** The label every EndpointSlice of a Service carries. */
  String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  /** Marks the slices as this controller's, as Kubernetes asks of EndpointSlice managers. */
  String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";

  /** The {@link #MANAGED_BY_LABEL} value. */
  String MANAGED_BY = "runtime.wasmcloud.dev-route-controller";

  /** {@code discovery.k8s.io/v1} or {@code discovery.k8s.io/v1beta1}. */
  String apiVersion();

  /** The managed slices of Service {@code namespace/service}. */
  List<StoredSlice> list(String namespace, String service);

  /** Creates the slice. */
  void create(SliceSpec slice);

  /** Replaces the slice of the same name, which the server has at {@code resourceVersion}. */
  void replace(SliceSpec slice, String resourceVersion);

  /** Deletes slice {@code namespace/name} (gone already is fine). */
  void delete(String namespace, String name);

  /** The labels of every managed slice of {@code service}. */
  static Map<String, String> selector(String service) {
    return Map.of(SERVICE_NAME_LABEL, service, virga.crds.v1alpha1.Labels.ROUTE_MANAGER, "true");
  }

  /**
   * The store for the version {@code client}'s server serves, preferring {@code v1}.
   *
   * @throws IllegalStateException when it serves neither
   */
  static SliceStore forServer(KubernetesClient client) {
    if (client.supports(io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class)) {
      return new EndpointSliceStore(client, "discovery.k8s.io/v1");
    }
    if (client.supports(io.fabric8.kubernetes.api.model.discovery.v1beta1.EndpointSlice.class)) {
      return new EndpointSliceStore(client, "discovery.k8s.io/v1beta1");
    }
    throw new IllegalStateException(
        "the API server serves no EndpointSlice API (discovery.k8s.io/v1 or v1beta1):"
            + " Services of Workloads cannot be routed; Kubernetes 1.17 or later is needed");
  }
}
