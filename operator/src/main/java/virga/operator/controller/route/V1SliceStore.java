package virga.operator.controller.route;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;

/** {@link SliceStore} on {@code discovery.k8s.io/v1}. */
final class V1SliceStore implements SliceStore {
  private final KubernetesClient client;

  V1SliceStore(KubernetesClient client) {
    this.client = client;
  }

  private MixedOperation<EndpointSlice, EndpointSliceList, Resource<EndpointSlice>> slices() {
    return client.discovery().v1().endpointSlices();
  }

  @Override
  public String apiVersion() {
    return "discovery.k8s.io/v1";
  }

  @Override
  public List<StoredSlice> list(String namespace, String service) {
    List<StoredSlice> out = new ArrayList<>();
    for (EndpointSlice s :
        slices()
            .inNamespace(namespace)
            .withLabels(SliceStore.selector(service))
            .list()
            .getItems()) {
      out.add(new StoredSlice(content(s, service), s.getMetadata().getResourceVersion()));
    }
    return out;
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
    slices().inNamespace(slice.namespace()).resource(build(slice, null)).create();
  }

  @Override
  public void replace(SliceSpec slice, String resourceVersion) {
    slices().inNamespace(slice.namespace()).resource(build(slice, resourceVersion)).update();
  }

  @Override
  public void delete(String namespace, String name) {
    slices().inNamespace(namespace).withName(name).delete();
  }
}
