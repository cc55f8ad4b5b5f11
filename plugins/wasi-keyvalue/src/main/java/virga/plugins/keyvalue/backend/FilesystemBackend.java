package virga.plugins.keyvalue.backend;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Buckets as directories under a root, one file per key. File names are keys escaped with {@link
 * Names#escapeKey} ({@code /}, {@code ..} and the like become {@code =HH}), and bucket names are
 * {@link Names#checkBucket checked}, so no name reaches outside the root. Writes go to a temporary
 * file that is renamed over the old one, so a reader sees the old value or the new one. Increments
 * are atomic within this host (striped locks by key); two hosts sharing the root are not
 * coordinated.
 */
public final class FilesystemBackend implements KvBackend {
  private static final String TEMP_PREFIX = ".tmp-";

  private final Path root;
  // striped: a lock per key would grow with every key ever incremented
  private final Object[] locks = new Object[64];

  /** A backend storing under {@code root}, created when missing. */
  public FilesystemBackend(Path root) throws IOException {
    this.root = Files.createDirectories(root).toRealPath();
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  @Override
  public String kind() {
    return "filesystem";
  }

  /** The root directory. */
  public Path root() {
    return root;
  }

  private Path dir(String bucket) throws KvException {
    Path d = root.resolve(bucket).normalize();
    if (!d.getParent().equals(root)) {
      // Names.checkBucket already forbids separators and dots; this guards the invariant.
      throw KvException.other("invalid bucket name '" + bucket + "'");
    }
    return d;
  }

  private Path existingDir(String bucket) throws KvException {
    Path d = dir(bucket);
    if (!Files.isDirectory(d)) {
      throw KvException.noSuchStore(bucket);
    }
    return d;
  }

  private Path file(String bucket, String key) throws KvException {
    return existingDir(bucket).resolve(Names.escapeKey(key, "."));
  }

  @Override
  public void open(String bucket) throws KvException {
    try {
      Files.createDirectories(dir(bucket));
    } catch (IOException e) {
      throw KvException.other("cannot create bucket '" + bucket + "': " + e, e);
    }
  }

  @Override
  public Optional<byte[]> get(String bucket, String key) throws KvException {
    Path f = file(bucket, key);
    try {
      return Optional.of(Files.readAllBytes(f));
    } catch (NoSuchFileException e) {
      existingDir(bucket); // a bucket removed meanwhile is no-such-store, not a missing key
      return Optional.empty();
    } catch (IOException e) {
      throw KvException.other("cannot read key '" + key + "': " + e, e);
    }
  }

  @Override
  public void set(String bucket, String key, byte[] value) throws KvException {
    write(file(bucket, key), key, value);
  }

  private void write(Path f, String key, byte[] value) throws KvException {
    Path tmp = f.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
    try {
      Files.write(tmp, value);
      try {
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the write failed already; that is the error to report
      }
      throw KvException.other("cannot write key '" + key + "': " + e, e);
    }
  }

  @Override
  public void delete(String bucket, String key) throws KvException {
    try {
      Files.deleteIfExists(file(bucket, key));
    } catch (IOException e) {
      throw KvException.other("cannot delete key '" + key + "': " + e, e);
    }
  }

  @Override
  public boolean exists(String bucket, String key) throws KvException {
    return Files.isRegularFile(file(bucket, key));
  }

  @Override
  public List<String> keys(String bucket) throws KvException {
    List<String> keys = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(existingDir(bucket))) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!name.startsWith(TEMP_PREFIX) && Files.isRegularFile(f)) {
          keys.add(Names.unescapeKey(name));
        }
      }
    } catch (IOException e) {
      throw KvException.other("cannot list bucket '" + bucket + "': " + e, e);
    }
    return keys;
  }

  @Override
  public long increment(String bucket, String key, long delta) throws KvException {
    Path f = file(bucket, key);
    synchronized (locks[Math.floorMod(f.hashCode(), locks.length)]) {
      long next = Counters.add(key, Counters.decode(key, get(bucket, key).orElse(null)), delta);
      write(f, key, Counters.encode(next));
      return next;
    }
  }
}
