package virga.component.core.chicory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Compiled classes on disk, one file per module digest, under a directory named after the Chicory
 * version and our rewrite of its classes (class files from another compiler or rewrite are never
 * reused). Best effort: I/O failures read as a miss and are never thrown, so a full or read-only
 * disk only costs a recompilation. Writes go to a temporary file and are renamed into place, so
 * readers never see a partial file. Each file starts with a magic and the SHA-256 of the rest: an
 * entry damaged later (a cut-short jar still loads, minus the classes it lost, and fails at the
 * first call) reads as a miss and is deleted, so that the recompiled code replaces it.
 */
final class DiskCache {
  private static final byte[] MAGIC = {'V', 'I', 'R', 'G', 'A', 'C', 'C', '1'};
  private static final int HEADER = MAGIC.length + 32;

  private final Path dir;

  DiskCache(Path root, String compilerVersion) {
    this.dir = root.resolve("chicory-" + compilerVersion);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the compiled-module cache " + dir, e);
    }
  }

  Path fileFor(String hexDigest) {
    return dir.resolve(hexDigest + ".cjar");
  }

  /** The stored bytes, or null on a miss, a damaged entry (then deleted) or any read error. */
  byte[] get(String hexDigest) {
    byte[] file;
    try {
      file = Files.readAllBytes(fileFor(hexDigest));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | SecurityException e) {
      return null;
    }
    if (file.length < HEADER
        || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        || !Arrays.equals(
            file, MAGIC.length, HEADER, sha256(file, HEADER, file.length - HEADER), 0, 32)) {
      delete(hexDigest);
      return null;
    }
    return Arrays.copyOfRange(file, HEADER, file.length);
  }

  void put(String hexDigest, byte[] bytes) {
    Path target = fileFor(hexDigest);
    if (Files.exists(target)) {
      return;
    }
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, hexDigest, ".tmp");
      byte[] file = new byte[HEADER + bytes.length];
      System.arraycopy(MAGIC, 0, file, 0, MAGIC.length);
      System.arraycopy(sha256(bytes, 0, bytes.length), 0, file, MAGIC.length, 32);
      System.arraycopy(bytes, 0, file, HEADER, bytes.length);
      Files.write(tmp, file);
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

  private static byte[] sha256(byte[] bytes, int offset, int length) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(bytes, offset, length);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
