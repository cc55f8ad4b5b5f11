package virga.operator.workload;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Gives a new object an (empty) status on the server before the condition engine runs: the engine
 * snapshots the freshly made status as {@code {}} and sends JSON patch operations below {@code
 * /status}, which a real API server refuses (422) while the object has no status at all.
 */
public final class StatusInit {
  private StatusInit() {}

  /** {@code resource} itself when it has a status, else the object re-read after adding one. */
  public static <T extends CustomResource<?, ?>> T ensure(KubernetesClient client, T resource) {
    if (resource.getStatus() != null) {
      return resource;
    }
    T patched =
        client
            .resource(resource)
            .subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"conditions\":[]}}");
    return patched.getStatus() != null ? patched : resource;
  }
}
