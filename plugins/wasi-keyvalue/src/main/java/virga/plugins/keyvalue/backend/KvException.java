package virga.plugins.keyvalue.backend;

/** A failed key-value operation, sorted into the three cases of WIT {@code store.error}. */
public final class KvException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Which WIT error case the failure becomes. */
  public enum Kind {
    /** {@code no-such-store}: the bucket does not exist (any more). */
    NO_SUCH_STORE,
    /** {@code access-denied}: the backend refused the caller. */
    ACCESS_DENIED,
    /** {@code other(string)}: anything else, with the message. */
    OTHER
  }

  private final Kind kind;

  private KvException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** The bucket {@code bucket} does not exist. */
  public static KvException noSuchStore(String bucket) {
    return new KvException(Kind.NO_SUCH_STORE, "bucket '" + bucket + "' does not exist", null);
  }

  /** The backend refused access. */
  public static KvException accessDenied(String message, Throwable cause) {
    return new KvException(Kind.ACCESS_DENIED, message, cause);
  }

  /** Any other failure; {@code message} reaches the guest. */
  public static KvException other(String message) {
    return new KvException(Kind.OTHER, message, null);
  }

  /** Any other failure caused by {@code cause}; {@code message} reaches the guest. */
  public static KvException other(String message, Throwable cause) {
    return new KvException(Kind.OTHER, message, cause);
  }

  /** The WIT case. */
  public Kind kind() {
    return kind;
  }
}
