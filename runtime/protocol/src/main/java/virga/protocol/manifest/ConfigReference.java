package virga.protocol.manifest;

/**
 * One place in a WorkloadSpec that names a ConfigMap or Secret.
 *
 * @param pointer JSON pointer of the reference inside the spec, e.g. {@code /components/0/
 *     localResources/environment/configFrom/1}
 * @param field {@code configFrom}, {@code secretFrom} or {@code imagePullSecret}
 * @param ref the object named
 */
public record ConfigReference(String pointer, String field, ConfigRef ref) {
  /** The field of a pull secret reference. */
  public static final String IMAGE_PULL_SECRET = "imagePullSecret";
}
