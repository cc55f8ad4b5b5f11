package virga.plugins.blobstore.backend;

import java.io.InputStream;
import java.util.List;

/**
 * Where objects live: containers of named objects, read and written as Java streams so that an
 * object never has to fit in memory. Every failure is a {@link BlobException} whose message the
 * guest sees as the WIT {@code error}. Implementations are thread-safe.
 */
public interface BlobBackend extends AutoCloseable {
  /** What this backend is, for messages and metrics: {@code in-memory}, {@code filesystem}, ... */
  String kind();

  /** Creates an empty container; an error when it exists or the name is refused. */
  void createContainer(String container);

  /** Whether the container exists (false for a name the backend refuses). */
  boolean containerExists(String container);

  /** Deletes a container and every object in it; an error when it does not exist. */
  void deleteContainer(String container);

  /** When the container was created, in seconds since the Unix epoch. */
  long containerCreatedAt(String container);

  /** The names of the container's objects, in no particular order. */
  List<String> list(String container);

  /** The object's size and creation time; an error when it does not exist. */
  ObjectStat stat(String container, String object);

  /** Whether the object exists in the (existing) container. */
  boolean exists(String container, String object);

  /**
   * Bytes {@code start} to {@code end} (inclusive, clamped to the object's end) of the object, as a
   * stream the caller closes.
   */
  InputStream read(String container, String object, long start, long end);

  /** Creates or replaces the object with everything {@code data} yields (not closed here). */
  void write(String container, String object, InputStream data);

  /** Deletes the object; nothing happens when it does not exist. */
  void delete(String container, String object);

  /** Deletes every object of the container. */
  default void clear(String container) {
    for (String o : list(container)) {
      delete(container, o);
    }
  }

  /** Copies an object, overwriting the destination; both containers must exist. */
  default void copy(String srcContainer, String srcObject, String dstContainer, String dstObject) {
    if (!containerExists(dstContainer)) {
      throw BlobException.noContainer(dstContainer);
    }
    try (InputStream in = read(srcContainer, srcObject, 0, -1L >>> 1)) {
      write(dstContainer, dstObject, in);
    } catch (java.io.IOException e) {
      throw new BlobException("copy of " + srcContainer + "/" + srcObject + " failed: " + e, e);
    }
  }

  /** Closes what the backend holds; objects stay where they are. */
  @Override
  default void close() {}
}
