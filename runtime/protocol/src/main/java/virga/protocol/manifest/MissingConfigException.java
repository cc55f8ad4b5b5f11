package virga.protocol.manifest;

/** A ConfigMap or Secret a workload refers to does not exist (or cannot be decoded). */
public class MissingConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient ConfigRef ref;

  /** {@code <ref> not found}. */
  public MissingConfigException(ConfigRef ref) {
    this(ref, ref + " not found");
  }

  /** A problem with {@code ref} other than its absence. */
  public MissingConfigException(ConfigRef ref, String message) {
    super(message);
    this.ref = ref;
  }

  /** What is missing. */
  public ConfigRef ref() {
    return ref;
  }
}
