package virga.testsupport;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Namespaces on a test API server, each with the {@code default} ServiceAccount that Pods need: the
 * API server here runs without a controller manager, which would otherwise create it.
 */
public final class Namespaces {
  private Namespaces() {}

  /** Creates each namespace and its {@code default} ServiceAccount. */
  public static void create(KubernetesClient client, String... names) {
    for (String ns : names) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
      client
          .serviceAccounts()
          .inNamespace(ns)
          .resource(
              new ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName("default")
                  .endMetadata()
                  .build())
          .create();
    }
  }
}
