package virga.wasi.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;

/**
 * The path-taking descriptor methods other than {@code open-at}: each resolves its paths below the
 * directory with {@link PathResolver}, checks POSIX preconditions itself so the error codes do not
 * depend on the host OS, then makes one java.nio call that does not follow a final symlink.
 */
final class PathOps {
  private PathOps() {}

  static void createDirectory(DirDescriptor d, String path) throws IOException {
    d.checkWritable("create-directory-at");
    PathResolver.Resolved r = d.resolve(path, false);
    if (r.exists() || r.isRoot()) {
      throw new FsException(ErrorCode.EXIST, path);
    }
    Files.createDirectory(r.host());
  }

  static void removeDirectory(DirDescriptor d, String path) throws IOException {
    d.checkWritable("remove-directory-at");
    PathResolver.Resolved r = d.resolve(path, false);
    if (!r.exists()) {
      throw new FsException(ErrorCode.NO_ENTRY, path);
    }
    if (r.isRoot() || r.dotLast()) {
      throw new FsException(ErrorCode.INVALID, "cannot remove " + path);
    }
    if (!r.stat().isDirectory()) {
      throw new FsException(ErrorCode.NOT_DIRECTORY, path);
    }
    Files.delete(r.host());
  }

  static void unlinkFile(DirDescriptor d, String path) throws IOException {
    d.checkWritable("unlink-file-at");
    PathResolver.Resolved r = d.resolve(path, false);
    if (!r.exists()) {
      throw new FsException(ErrorCode.NO_ENTRY, path);
    }
    if (r.isRoot() || r.dotLast() || r.stat().isDirectory()) {
      throw new FsException(ErrorCode.IS_DIRECTORY, path);
    }
    if (r.trailingSlash()) {
      throw new FsException(ErrorCode.NOT_DIRECTORY, path);
    }
    Files.delete(r.host());
  }

  static void rename(DirDescriptor from, String oldPath, DirDescriptor to, String newPath)
      throws IOException {
    from.checkWritable("rename-at");
    to.checkWritable("rename-at");
    PathResolver.Resolved o = from.resolve(oldPath, false);
    if (!o.exists()) {
      throw new FsException(ErrorCode.NO_ENTRY, oldPath);
    }
    PathResolver.Resolved n = to.resolve(newPath, false);
    if (o.isRoot() || o.dotLast() || n.isRoot() || n.dotLast()) {
      throw new FsException(ErrorCode.INVALID, "cannot rename " + oldPath + " to " + newPath);
    }
    boolean oldDir = o.stat().isDirectory();
    if (!oldDir && (o.trailingSlash() || n.trailingSlash())) {
      throw new FsException(ErrorCode.NOT_DIRECTORY, oldPath);
    }
    if (n.exists()) {
      if (n.stat().id().equals(o.stat().id())) {
        return; // the same file: rename(2) does nothing
      }
      boolean newDir = n.stat().isDirectory();
      if (oldDir && !newDir) {
        throw new FsException(ErrorCode.NOT_DIRECTORY, newPath);
      }
      if (!oldDir && newDir) {
        throw new FsException(ErrorCode.IS_DIRECTORY, newPath);
      }
    }
    if (oldDir && n.host().startsWith(o.host())) {
      throw new FsException(ErrorCode.INVALID, "cannot move a directory into itself");
    }
    Files.move(o.host(), n.host(), StandardCopyOption.ATOMIC_MOVE);
  }

  static void symlink(DirDescriptor d, String target, String path) throws IOException {
    d.checkWritable("symlink-at");
    PathResolver.Resolved r = d.resolve(path, false);
    if (r.exists() || r.isRoot()) {
      throw new FsException(ErrorCode.EXIST, path);
    }
    PathResolver.checkLinkTarget(d.top(), r.host().getParent(), target);
    Files.createSymbolicLink(r.host(), Path.of(target));
  }

  static String readlink(DirDescriptor d, String path) throws IOException {
    PathResolver.Resolved r = d.resolve(path, false);
    if (!r.exists()) {
      throw new FsException(ErrorCode.NO_ENTRY, path);
    }
    if (!r.stat().isSymlink()) {
      throw new FsException(ErrorCode.INVALID, "not a symbolic link: " + path);
    }
    String target = Files.readSymbolicLink(r.host()).toString();
    if (target.startsWith("/")) {
      // an absolute host path means nothing to the guest, and would leak the host's layout
      throw new FsException(ErrorCode.NOT_PERMITTED, "absolute symbolic link: " + path);
    }
    return target;
  }

  static void link(
      DirDescriptor from, boolean follow, String oldPath, DirDescriptor to, String newPath)
      throws IOException {
    from.checkWritable("link-at");
    to.checkWritable("link-at");
    PathResolver.Resolved o = from.resolve(oldPath, follow);
    if (!o.exists()) {
      throw new FsException(ErrorCode.NO_ENTRY, oldPath);
    }
    if (o.stat().isDirectory()) {
      throw new FsException(ErrorCode.NOT_PERMITTED, "cannot hard-link a directory");
    }
    PathResolver.Resolved n = to.resolve(newPath, false);
    if (n.exists() || n.isRoot()) {
      throw new FsException(ErrorCode.EXIST, newPath);
    }
    if (o.trailingSlash() || n.trailingSlash()) {
      throw new FsException(ErrorCode.NOT_DIRECTORY, oldPath);
    }
    Files.createLink(n.host(), o.host());
  }

  static Stat stat(DirDescriptor d, boolean follow, String path) {
    return existing(d, follow, path).stat();
  }

  private static PathResolver.Resolved existing(DirDescriptor d, boolean follow, String path) {
    PathResolver.Resolved r = d.resolve(path, follow);
    if (!r.exists()) {
      throw new FsException(ErrorCode.NO_ENTRY, path);
    }
    if (r.trailingSlash() && !r.stat().isDirectory()) {
      throw new FsException(ErrorCode.NOT_DIRECTORY, path);
    }
    return r;
  }

  static void setTimes(
      DirDescriptor d, boolean follow, String path, FileTime accessed, FileTime modified)
      throws IOException {
    d.checkWritable("set-times-at");
    Times.set(existing(d, follow, path).host(), accessed, modified);
  }
}
