package virga.wasi.filesystem;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import virga.wasi.host.HostResource;

/**
 * The rep of {@code directory-entry-stream}: a lazily iterated {@link DirectoryStream} (memory
 * stays bounded for any directory size; {@code .} and {@code ..} are not listed), in the OS's
 * order. An entry's type is its own ({@code symbolic-link} for a symlink); one that vanished
 * meanwhile is {@code unknown}. Dropping the stream closes the directory.
 */
final class DirectoryEntries extends HostResource {
  private final DirectoryStream<Path> stream;
  private final Iterator<Path> it;

  DirectoryEntries(Path dir) throws IOException {
    this.stream = Files.newDirectoryStream(dir);
    this.it = stream.iterator();
  }

  /** The next entry as (type label, name), or null at the end. */
  synchronized String[] next() throws IOException {
    if (isClosed() || !it.hasNext()) {
      return null;
    }
    Path p = it.next();
    Stat s = Stat.ofOrNull(p);
    return new String[] {s == null ? "unknown" : s.type(), p.getFileName().toString()};
  }

  @Override
  protected void onClose() {
    try {
      stream.close();
    } catch (IOException e) {
      // nothing to report to
    }
  }
}
