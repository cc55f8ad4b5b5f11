package virga.operator.controller.route;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SliceStore} on {@code discovery.k8s.io/v1} or {@code v1beta1}: the fields this controller
 * writes and reads (address type, endpoint addresses and readiness, ports, metadata) have one shape
 * in both, so slices are built and read as the v1 model and stored under the version the server
 * serves.
 */
final class EndpointSliceStore implements SliceStore {
  private final KubernetesClient client;
  private final String apiVersion;

  EndpointSliceStore(KubernetesClient client, String apiVersion) {
    this.client = client;
    this.apiVersion = apiVersion;
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      slices(String namespace) {
    return client.genericKubernetesResources(apiVersion, "EndpointSlice").inNamespace(namespace);
  }

  @Override
  public String apiVersion() {
    return apiVersion;
  }

  @Override
  public List<StoredSlice> list(String namespace, String service) {
    List<StoredSlice> out = new ArrayList<>();
    for (GenericKubernetesResource g :
        slices(namespace).withLabels(SliceStore.selector(service)).list().getItems()) {
      out.add(new StoredSlice(content(asV1(g), service), g.getMetadata().getResourceVersion()));
    }
    return out;
  }

  /** A stored slice of either version, read as the v1 model. */
  static EndpointSlice asV1(GenericKubernetesResource slice) {
    return Serialization.jsonMapper().convertValue(slice, EndpointSlice.class);
  }

  /** {@code slice} as an object of {@code version} ({@code discovery.k8s.io/v1} or v1beta1). */
  static GenericKubernetesResource as(EndpointSlice slice, String version) {
    GenericKubernetesResource g =
        Serialization.jsonMapper().convertValue(slice, GenericKubernetesResource.class);
    g.setApiVersion(version);
    return g;
  }

  static SliceSpec content(EndpointSlice s, String service) {
    List<String> addresses = new ArrayList<>();
    if (s.getEndpoints() != null) {
      for (Endpoint e : s.getEndpoints()) {
        boolean ready =
            e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
        if (ready && e.getAddresses() != null) {
          addresses.addAll(e.getAddresses());
        }
      }
    }
    List<EndpointPort> ports = s.getPorts() == null ? List.of() : s.getPorts();
    int port =
        ports.size() == 1
                && SliceSpec.PORT_NAME.equals(ports.get(0).getName())
                && "TCP".equals(ports.get(0).getProtocol())
                && ports.get(0).getPort() != null
                && SliceMeta.marked(s)
            ? ports.get(0).getPort()
            : -1;
    return new SliceSpec(
        s.getMetadata().getNamespace(),
        s.getMetadata().getName(),
        service,
        SliceMeta.ownerUid(s),
        s.getAddressType(),
        port,
        addresses);
  }

  static EndpointSlice build(SliceSpec s, String resourceVersion) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (String address : s.addresses()) {
      endpoints.add(
          new EndpointBuilder()
              .withAddresses(address)
              .withNewConditions()
              .withReady(true)
              .endConditions()
              .build());
    }
    return new EndpointSliceBuilder()
        .withMetadata(SliceMeta.of(s, resourceVersion))
        .withAddressType(s.addressType())
        .withEndpoints(endpoints)
        .addNewPort()
        .withName(SliceSpec.PORT_NAME)
        .withPort(s.port())
        .withProtocol("TCP")
        .endPort()
        .build();
  }

  @Override
  public void create(SliceSpec slice) {
    slices(slice.namespace()).resource(as(build(slice, null), apiVersion)).create();
  }

  @Override
  public void replace(SliceSpec slice, String resourceVersion) {
    slices(slice.namespace()).resource(as(build(slice, resourceVersion), apiVersion)).update();
  }

  @Override
  public void delete(String namespace, String name) {
    slices(namespace).withName(name).delete();
  }
}
