package virga.component.core.chicory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Compiled classes on disk, one file per module digest, under a directory named after the Chicory
 * version (class files from another compiler version are never reused). Best effort: I/O failures
 * read as a miss and are never thrown, so a full or read-only disk only costs a recompilation.
 * Writes go to a temporary file and are renamed into place, so readers never see a partial file.
 */
final class DiskCache {
  private final Path dir;

  DiskCache(Path root, String chicoryVersion) {
    this.dir = root.resolve("chicory-" + chicoryVersion);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the compiled-module cache " + dir, e);
    }
  }

  Path fileFor(String hexDigest) {
    return dir.resolve(hexDigest + ".jar");
  }

  /** The stored bytes, or null on a miss or any read error. */
  byte[] get(String hexDigest) {
    try {
      return Files.readAllBytes(fileFor(hexDigest));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  void put(String hexDigest, byte[] bytes) {
    Path target = fileFor(hexDigest);
    if (Files.exists(target)) {
      return;
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, hexDigest, ".tmp");
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException | SecurityException e) {
      // best effort: the module stays cached in memory
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // nothing more to do
        }
      }
    }
  }

  void delete(String hexDigest) {
    try {
      Files.deleteIfExists(fileFor(hexDigest));
    } catch (IOException ignored) {
      // a corrupt entry that cannot be deleted is simply recompiled each time
    }
  }

  /** Adapts to Chicory's cache for one compilation, keyed by our digest, recording hits. */
  final class ForModule implements com.dylibso.chicory.compiler.Cache {
    private final String hexDigest;
    private final boolean read;
    boolean hit;

    ForModule(String hexDigest, boolean read) {
      this.hexDigest = hexDigest;
      this.read = read;
    }

    @Override
    public byte[] get(String chicoryKey) {
      byte[] b = read ? DiskCache.this.get(hexDigest) : null;
      hit = b != null;
      return b;
    }

    @Override
    public void putIfAbsent(String chicoryKey, byte[] bytes) {
      put(hexDigest, bytes);
    }
  }
}
