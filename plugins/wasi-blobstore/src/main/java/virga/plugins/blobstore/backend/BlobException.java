package virga.plugins.blobstore.backend;

/** A refused or failed blobstore operation; its message is what the guest gets as the error. */
public final class BlobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public BlobException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public BlobException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The container does not exist. */
  public static BlobException noContainer(String container) {
    return new BlobException("container '" + container + "' does not exist");
  }

  /** The object does not exist. */
  public static BlobException noObject(String container, String object) {
    return new BlobException(
        "object '" + object + "' does not exist in container '" + container + "'");
  }

  /** The container exists already. */
  public static BlobException containerExists(String container) {
    return new BlobException("container '" + container + "' already exists");
  }
}
