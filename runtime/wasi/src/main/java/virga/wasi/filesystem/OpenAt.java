package virga.wasi.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code descriptor.open-at}: POSIX {@code openat} semantics checked up front on the resolved path
 * (wasmtime's order: flag validation, permissions, then the path), then a {@link FileChannel}
 * opened with {@code NOFOLLOW_LINKS} for files or a {@link DirDescriptor} for directories. FIFOs,
 * sockets and devices are refused with {@code unsupported} (opening a FIFO would block the host).
 */
final class OpenAt {
  private OpenAt() {}

  static Descriptor open(
      DirDescriptor dir, boolean follow, String path, Set<String> oflags, Set<String> flags)
      throws IOException {
    boolean create = oflags.contains("create");
    boolean directory = oflags.contains("directory");
    boolean exclusive = oflags.contains("exclusive");
    boolean truncate = oflags.contains("truncate");
    boolean write = flags.contains("write");
    if (directory && (create || exclusive || truncate)) {
      throw new FsException(ErrorCode.INVALID, "directory with create, exclusive or truncate");
    }
    if (create || truncate || write || flags.contains("mutate-directory")) {
      dir.checkWritable("open-at for writing");
    }
    PathResolver.Resolved r = dir.resolve(path, follow);
    Stat s = r.stat();
    if (s != null && create && exclusive) {
      throw new FsException(ErrorCode.EXIST, path);
    }
    if (s == null) {
      if (!create || directory) {
        throw new FsException(ErrorCode.NO_ENTRY, path);
      }
      if (r.trailingSlash()) {
        throw new FsException(ErrorCode.IS_DIRECTORY, path);
      }
      try {
        Files.createFile(r.host());
      } catch (FileAlreadyExistsException e) {
        if (exclusive) {
          throw e;
        }
      }
      s = Stat.of(r.host());
    }
    if (s.isSymlink()) {
      throw new FsException(ErrorCode.LOOP, "symbolic link not followed: " + path);
    }
    if (s.isDirectory()) {
      if (write || truncate || create) {
        throw new FsException(ErrorCode.IS_DIRECTORY, path);
      }
      return new DirDescriptor(dir.top(), r.host(), s.id(), dir.readOnly());
    }
    if (directory || r.trailingSlash()) {
      throw new FsException(ErrorCode.NOT_DIRECTORY, path);
    }
    if (!s.isRegularFile()) {
      throw new FsException(ErrorCode.UNSUPPORTED, "cannot open a " + s.type() + ": " + path);
    }
    return file(dir, r, s, truncate, flags);
  }

  private static FileDescriptor file(
      DirDescriptor dir, PathResolver.Resolved r, Stat s, boolean truncate, Set<String> flags)
      throws IOException {
    boolean read = flags.contains("read");
    boolean write = flags.contains("write");
    Set<OpenOption> opts = new HashSet<>();
    opts.add(LinkOption.NOFOLLOW_LINKS);
    if (read || !write) {
      opts.add(StandardOpenOption.READ);
    }
    if (write) {
      opts.add(StandardOpenOption.WRITE);
    }
    if (flags.contains("file-integrity-sync")) {
      opts.add(StandardOpenOption.SYNC);
    }
    if (flags.contains("data-integrity-sync") || flags.contains("requested-write-sync")) {
      opts.add(StandardOpenOption.DSYNC);
    }
    if (truncate && !write) {
      try (FileChannel t =
          FileChannel.open(r.host(), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
        t.truncate(0);
      }
    }
    FileChannel c = FileChannel.open(r.host(), opts);
    if (truncate && write) {
      c.truncate(0);
    }
    Set<String> kept = new LinkedHashSet<>(flags);
    kept.remove("mutate-directory");
    if (!read && !write) {
      kept.add("read");
    }
    return new FileDescriptor(dir.top(), r.host(), c, s.id(), kept, dir.readOnly());
  }
}
