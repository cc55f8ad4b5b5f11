package virga.wasi.filesystem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An open directory: a real host directory (no symlink on its path when opened) that every guest
 * path given to this descriptor is resolved below, and never above. java.nio has no directory
 * handles, so the directory is held by path and identity; each use first checks that the path still
 * names the same directory ({@code no-entry} when it is gone, {@code bad-descriptor} when something
 * else took its place, e.g. a symlink planted after a rename).
 */
final class DirDescriptor extends Descriptor {
  private final Path root;
  private final Stat.Id id;

  DirDescriptor(Path top, Path root, Stat.Id id, boolean readOnly) {
    super(top, readOnly);
    this.root = root;
    this.id = id;
  }

  /** A descriptor on the real directory {@code dir} as its own preopen. */
  static DirDescriptor preopen(Path dir, boolean readOnly) throws IOException {
    Path real = dir.toRealPath();
    Stat s = Stat.of(real);
    if (!s.isDirectory()) {
      throw new IOException("preopen is not a directory: " + dir);
    }
    return new DirDescriptor(real, real, s.id(), readOnly);
  }

  @Override
  DirDescriptor dir() {
    return this;
  }

  /** The host directory, checked to still be the one opened. */
  Path root() {
    Stat now;
    try {
      now = Stat.ofOrNull(root);
    } catch (IOException e) {
      throw Errors.of(e);
    }
    if (now == null) {
      throw new FsException(ErrorCode.NO_ENTRY, "directory was removed");
    }
    if (!now.id().equals(id)) {
      throw new FsException(ErrorCode.BAD_DESCRIPTOR, "directory was moved or replaced");
    }
    return root;
  }

  /** Resolves a guest path below this directory. */
  PathResolver.Resolved resolve(String path, boolean followLast) {
    return PathResolver.resolve(root(), path, followLast);
  }

  Stat.Id id() {
    return id;
  }

  @Override
  Stat stat() {
    try {
      return Stat.of(root());
    } catch (IOException e) {
      throw Errors.of(e);
    }
  }

  @Override
  Set<String> flags() {
    Set<String> f = new LinkedHashSet<>();
    f.add("read");
    if (!readOnly()) {
      f.add("mutate-directory");
    }
    return f;
  }
}
