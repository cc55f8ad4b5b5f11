package virga.bench.plugins;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The filesystem peer: one file per key in a directory, written whole to a temporary file and
 * renamed over the old one (atomic, as the backend does, so a reader never sees half a value).
 */
final class PlainFileKv implements PlainKv {
  private final Path dir;

  PlainFileKv(Path dir) throws Exception {
    this.dir = Files.createDirectories(dir);
  }

  @Override
  public byte[] get(String key) throws Exception {
    try {
      return Files.readAllBytes(dir.resolve(key));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public void set(String key, byte[] value) throws Exception {
    Path tmp = Files.createTempFile(dir, ".tmp-", "");
    Files.write(tmp, value);
    Files.move(
        tmp, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
