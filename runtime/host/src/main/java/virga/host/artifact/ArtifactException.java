package virga.host.artifact;

/** An image that cannot be fetched; the message names the image and what to do about it. */
public final class ArtifactException extends RuntimeException {
  /** A failure described by {@code message}. */
  public ArtifactException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public ArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
