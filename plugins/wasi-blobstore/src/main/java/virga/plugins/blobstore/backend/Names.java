package virga.plugins.blobstore.backend;

/** Checks of container and object names shared by the backends. */
final class Names {
  private Names() {}

  /** Refuses an empty name. */
  static void checkNonEmpty(String container) {
    if (container.isEmpty()) {
      throw new BlobException("container name must not be empty");
    }
  }

  /** Refuses an empty object name. */
  static void checkObject(String object) {
    if (object.isEmpty()) {
      throw new BlobException("object name must not be empty");
    }
  }
}
