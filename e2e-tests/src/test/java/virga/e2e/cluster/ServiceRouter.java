package virga.e2e.cluster;

import io.fabric8.kubernetes.api.model.discovery.v1beta1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1beta1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1beta1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What kube-proxy does for a Service here: picks, round robin, a ready endpoint of the Service's
 * EndpointSlices ({@code discovery.k8s.io/v1beta1}, the 1.20 server's) and sends the request there.
 */
public final class ServiceRouter {
  private final KubernetesClient client;
  private final String namespace;
  private final String service;
  private final AtomicInteger next = new AtomicInteger();

  /** Routes to the Service {@code namespace/service}. */
  public ServiceRouter(KubernetesClient client, String namespace, String service) {
    this.client = client;
    this.namespace = namespace;
    this.service = service;
  }

  /** The ready endpoints, as {@code address:port}. */
  public List<String> endpoints() {
    List<String> out = new ArrayList<>();
    for (EndpointSlice s :
        client
            .discovery()
            .v1beta1()
            .endpointSlices()
            .inNamespace(namespace)
            .withLabel("kubernetes.io/service-name", service)
            .list()
            .getItems()) {
      if (s.getPorts() == null || s.getEndpoints() == null) {
        continue;
      }
      for (EndpointPort p : s.getPorts()) {
        for (Endpoint e : s.getEndpoints()) {
          boolean ready =
              e.getConditions() == null
                  || e.getConditions().getReady() == null
                  || e.getConditions().getReady();
          if (ready) {
            for (String a : e.getAddresses()) {
              out.add(a + ":" + p.getPort());
            }
          }
        }
      }
    }
    return out;
  }

  /** The next of {@code endpoints}, round robin. */
  public String pick(List<String> endpoints) throws IOException {
    if (endpoints.isEmpty()) {
      throw new IOException("no ready endpoint for Service " + namespace + "/" + service);
    }
    return endpoints.get(Math.floorMod(next.getAndIncrement(), endpoints.size()));
  }

  /** {@code GET path} with {@code Host: host} on {@code endpoint} ({@code address:port}). */
  public static Http.Response get(String endpoint, String host, String path) throws IOException {
    int colon = endpoint.lastIndexOf(':');
    return Http.get(
        endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)), host, path);
  }

  /** {@code GET path} with {@code Host: host} on the next endpoint of {@code endpoints}. */
  public Http.Response get(List<String> endpoints, String host, String path) throws IOException {
    return get(pick(endpoints), host, path);
  }
}
