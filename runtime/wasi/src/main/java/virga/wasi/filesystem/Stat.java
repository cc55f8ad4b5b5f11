package virga.wasi.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * A snapshot of one filesystem object's metadata: the {@code descriptor-stat} fields plus the
 * (device, inode) identity behind {@code is-same-object} and {@code metadata-hash}. Read from the
 * {@code unix} attribute view, or the basic one where the platform has none.
 */
record Stat(
    String type,
    long linkCount,
    long size,
    FileTime accessed,
    FileTime modified,
    FileTime changed,
    Id id) {

  /** The identity of a filesystem object. */
  record Id(long dev, long ino) {}

  private static final String UNIX =
      "unix:mode,ino,dev,nlink,size,lastAccessTime,lastModifiedTime,ctime";
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  /** The object at {@code p} itself (a symlink is not followed). */
  static Stat of(Path p) throws IOException {
    try {
      Map<String, Object> a = Files.readAttributes(p, UNIX, NOFOLLOW);
      return new Stat(
          type((Integer) a.get("mode")),
          ((Number) a.get("nlink")).longValue(),
          ((Number) a.get("size")).longValue(),
          (FileTime) a.get("lastAccessTime"),
          (FileTime) a.get("lastModifiedTime"),
          (FileTime) a.get("ctime"),
          new Id(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue()));
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
      Object key = b.fileKey();
      return new Stat(
          type(b),
          1,
          b.size(),
          b.lastAccessTime(),
          b.lastModifiedTime(),
          null,
          new Id(0, key != null ? key.hashCode() : p.toAbsolutePath().hashCode()));
    }
  }

  /** The object at {@code p}, or null when there is none. */
  static Stat ofOrNull(Path p) throws IOException {
    try {
      return of(p);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  boolean isDirectory() {
    return type.equals("directory");
  }

  boolean isSymlink() {
    return type.equals("symbolic-link");
  }

  boolean isRegularFile() {
    return type.equals("regular-file");
  }

  /** The {@code descriptor-type} label of a Unix mode. */
  static String type(int mode) {
    return switch (mode & 0170000) {
      case 0040000 -> "directory";
      case 0100000 -> "regular-file";
      case 0120000 -> "symbolic-link";
      case 0010000 -> "fifo";
      case 0020000 -> "character-device";
      case 0060000 -> "block-device";
      case 0140000 -> "socket";
      default -> "unknown";
    };
  }

  private static String type(BasicFileAttributes b) {
    if (b.isDirectory()) {
      return "directory";
    }
    if (b.isSymbolicLink()) {
      return "symbolic-link";
    }
    return b.isRegularFile() ? "regular-file" : "unknown";
  }
}
