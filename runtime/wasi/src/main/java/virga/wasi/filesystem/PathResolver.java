package virga.wasi.filesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a guest path below a directory descriptor's root without ever letting the OS follow a
 * symlink: components are walked one at a time, {@code ..} pops a component and fails with {@code
 * not-permitted} above the root (cap-std's escape error), absolute paths and absolute symlink
 * targets fail the same way, and symlinks are expanded here (at most {@value #MAX_SYMLINKS}, then
 * {@code loop}). Every directory on the resolved path is therefore a real directory below the root.
 *
 * <p>Not covered: a concurrent host process swapping a checked directory for a symlink between the
 * check and the use (java.nio has no {@code openat}); descriptors re-check their own root by
 * identity before each use.
 */
final class PathResolver {
  /** Symlink expansions per resolution before {@code loop}, as Linux's MAXSYMLINKS. */
  static final int MAX_SYMLINKS = 40;

  /** The longest path component in bytes. */
  static final int MAX_NAME = 255;

  /** The longest path in bytes. */
  static final int MAX_PATH = 4096;

  private PathResolver() {}

  /**
   * A resolved path: the host path, its metadata (null when nothing is there), whether it is the
   * root itself, whether the guest path ended in a slash, and whether its last component was {@code
   * .} or {@code ..}.
   */
  record Resolved(Path host, Stat stat, boolean isRoot, boolean trailingSlash, boolean dotLast) {
    boolean exists() {
      return stat != null;
    }
  }

  /** Resolves {@code path} below {@code root}; {@code followLast} follows a final symlink. */
  static Resolved resolve(Path root, String path, boolean followLast) {
    check(path);
    boolean trailingSlash = path.endsWith("/");
    Deque<String> todo = new ArrayDeque<>(components(path));
    String lastRaw = todo.isEmpty() ? "." : ((ArrayDeque<String>) todo).peekLast();
    boolean dotLast = lastRaw.equals(".") || lastRaw.equals("..");
    List<String> stack = new ArrayList<>();
    int links = 0;
    try {
      while (!todo.isEmpty()) {
        String c = todo.pollFirst();
        if (c.equals(".")) {
          continue;
        }
        if (c.equals("..")) {
          if (stack.isEmpty()) {
            throw new FsException(ErrorCode.NOT_PERMITTED, "path escapes its directory: " + path);
          }
          stack.remove(stack.size() - 1);
          continue;
        }
        checkName(c);
        boolean last = todo.isEmpty();
        Path p = join(root, stack).resolve(c);
        Stat s = Stat.ofOrNull(p);
        if (s != null && s.isSymlink() && (!last || followLast || trailingSlash)) {
          if (++links > MAX_SYMLINKS) {
            throw new FsException(ErrorCode.LOOP, "too many symbolic links: " + path);
          }
          String target = Files.readSymbolicLink(p).toString();
          if (target.startsWith("/")) {
            throw new FsException(ErrorCode.NOT_PERMITTED, "absolute symbolic link: " + path);
          }
          if (target.isEmpty()) {
            throw new FsException(ErrorCode.NO_ENTRY, "empty symbolic link: " + path);
          }
          List<String> t = components(target);
          for (int i = t.size() - 1; i >= 0; i--) {
            todo.addFirst(t.get(i));
          }
          continue;
        }
        if (!last) {
          if (s == null) {
            throw new FsException(ErrorCode.NO_ENTRY, path);
          }
          if (!s.isDirectory()) {
            throw new FsException(ErrorCode.NOT_DIRECTORY, path);
          }
        }
        stack.add(c);
      }
      Path host = join(root, stack);
      return new Resolved(host, Stat.ofOrNull(host), stack.isEmpty(), trailingSlash, dotLast);
    } catch (IOException e) {
      throw Errors.of(e);
    }
  }

  /**
   * Checks that symlink {@code target}, placed in directory {@code linkDir} (a real directory below
   * {@code top}), names something below {@code top} as far as its text goes.
   */
  static void checkLinkTarget(Path top, Path linkDir, String target) {
    if (target.isEmpty()) {
      throw new FsException(ErrorCode.NO_ENTRY, "empty symbolic link target");
    }
    check(target);
    if (target.startsWith("/")) {
      throw new FsException(ErrorCode.NOT_PERMITTED, "absolute symbolic link target: " + target);
    }
    Path rel = top.relativize(linkDir);
    int depth = rel.toString().isEmpty() ? 0 : rel.getNameCount();
    for (String c : components(target)) {
      if (c.equals("..")) {
        if (--depth < 0) {
          throw new FsException(ErrorCode.NOT_PERMITTED, "symbolic link target escapes: " + target);
        }
      } else if (!c.equals(".")) {
        checkName(c);
        depth++;
      }
    }
  }

  private static void check(String path) {
    if (path.isEmpty()) {
      throw new FsException(ErrorCode.NO_ENTRY, "empty path");
    }
    if (path.indexOf('\0') >= 0) {
      throw new FsException(ErrorCode.INVALID, "path contains NUL");
    }
    if (path.length() > MAX_PATH || path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH) {
      throw new FsException(ErrorCode.NAME_TOO_LONG, "path longer than " + MAX_PATH + " bytes");
    }
    if (path.startsWith("/")) {
      throw new FsException(ErrorCode.NOT_PERMITTED, "absolute path: " + path);
    }
  }

  private static void checkName(String c) {
    if (c.length() > MAX_NAME || c.getBytes(StandardCharsets.UTF_8).length > MAX_NAME) {
      throw new FsException(ErrorCode.NAME_TOO_LONG, "path component longer than " + MAX_NAME);
    }
  }

  private static List<String> components(String path) {
    List<String> out = new ArrayList<>();
    for (String c : path.split("/")) {
      if (!c.isEmpty()) {
        out.add(c);
      }
    }
    return out;
  }

  private static Path join(Path root, List<String> stack) {
    Path p = root;
    for (String c : stack) {
      p = p.resolve(c);
    }
    return p;
  }
}
