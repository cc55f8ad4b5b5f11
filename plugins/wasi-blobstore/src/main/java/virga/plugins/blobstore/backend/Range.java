package virga.plugins.blobstore.backend;

/**
 * The bytes a {@code get-data(start, end)} asks of an object of some size: {@code end} is inclusive
 * and clamped to the object's last byte; a start past the end (or after {@code end}) is an empty
 * range, as a read of nothing is not an error.
 *
 * @param offset first byte
 * @param length number of bytes
 */
public record Range(long offset, long length) {
  /** The range {@code start..=end} (unsigned) of an object of {@code size} bytes. */
  public static Range of(long start, long end, long size) {
    if (Long.compareUnsigned(start, size) >= 0 || Long.compareUnsigned(end, start) < 0) {
      return new Range(Math.min(Long.compareUnsigned(start, size) >= 0 ? size : start, size), 0);
    }
    long last = Long.compareUnsigned(end, size - 1) >= 0 ? size - 1 : end;
    return new Range(start, last - start + 1);
  }
}
