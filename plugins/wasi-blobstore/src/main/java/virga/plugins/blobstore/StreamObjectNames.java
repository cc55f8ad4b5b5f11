package virga.plugins.blobstore;

import java.util.List;

/** The {@code stream-object-names} resource: a snapshot of a container's names, read in pages. */
public final class StreamObjectNames {
  private final List<String> names;
  private int next;

  StreamObjectNames(List<String> names) {
    this.names = List.copyOf(names);
  }

  /** Up to {@code len} names (unsigned) from where the last call stopped. */
  synchronized List<String> read(long len) {
    int n = take(len);
    List<String> out = names.subList(next, next + n);
    next += n;
    return out;
  }

  /** Skips up to {@code len} names; how many were skipped. */
  synchronized int skip(long len) {
    int n = take(len);
    next += n;
    return n;
  }

  /** Whether every name was read. */
  synchronized boolean ended() {
    return next >= names.size();
  }

  private int take(long len) {
    int left = names.size() - next;
    return Long.compareUnsigned(len, left) >= 0 ? left : (int) len;
  }
}
