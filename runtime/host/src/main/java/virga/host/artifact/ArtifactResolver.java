package virga.host.artifact;

/**
 * Turns a workload's {@code image} into the bytes of a component: local files in standalone mode,
 * OCI registries in cluster mode. Implementations are thread-safe: starts of different workloads
 * resolve concurrently.
 */
@FunctionalInterface
public interface ArtifactResolver {
  /**
   * The component bytes of {@code request.image()}.
   *
   * @throws ArtifactException with a message that says what is wrong and what to do
   */
  byte[] resolve(ArtifactRequest request);
}
