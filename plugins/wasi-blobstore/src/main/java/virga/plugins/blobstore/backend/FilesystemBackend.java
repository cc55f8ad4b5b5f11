package virga.plugins.blobstore.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Objects as files under one root directory: {@code ROOT/<container>/<object>}, an object name's
 * {@code /} making subdirectories. Nothing outside the root is ever reached: names with {@code ..},
 * {@code .} or empty segments, absolute names, backslashes and NUL are refused, and no symbolic
 * link is followed (a link planted inside the root is refused, not read). Writes go to a temporary
 * file under {@code ROOT/.tmp} and are moved into place, so a reader never sees half an object.
 */
public final class FilesystemBackend implements BlobBackend {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
  private static final int COPY_BUFFER = 64 * 1024;

  private final Path root;
  private final Path tmp;

  /** A store under {@code root}, created when missing. */
  public FilesystemBackend(Path root) {
    try {
      Files.createDirectories(root);
      this.root = root.toRealPath();
      this.tmp = this.root.resolve(".tmp");
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("blobstore root " + root + " is not usable: " + e, e);
    }
  }

  @Override
  public String kind() {
    return "filesystem";
  }

  /** The root directory (its real path). */
  public Path root() {
    return root;
  }

  @Override
  public void createContainer(String container) {
    Path dir = containerPath(container);
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw BlobException.containerExists(container);
    } catch (IOException e) {
      throw failure("create-container " + container, e);
    }
  }

  @Override
  public boolean containerExists(String container) {
    return Files.isDirectory(containerPath(container), NOFOLLOW);
  }

  @Override
  public void deleteContainer(String container) {
    Path dir = existingContainer(container);
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException | UncheckedIOException e) {
      throw failure("delete-container " + container, e);
    }
  }

  @Override
  public long containerCreatedAt(String container) {
    return createdAt(existingContainer(container));
  }

  @Override
  public List<String> list(String container) {
    Path dir = existingContainer(container);
    List<String> out = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dir)) {
      all.filter(p -> Files.isRegularFile(p, NOFOLLOW))
          .forEach(p -> out.add(dir.relativize(p).toString()));
    } catch (IOException | UncheckedIOException e) {
      throw failure("list-objects " + container, e);
    }
    return out;
  }

  @Override
  public ObjectStat stat(String container, String object) {
    Path p = objectPath(container, object);
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
      if (!a.isRegularFile()) {
        throw BlobException.noObject(container, object);
      }
      return new ObjectStat(a.size(), a.creationTime().toInstant().getEpochSecond());
    } catch (NoSuchFileException e) {
      throw BlobException.noObject(container, object);
    } catch (IOException e) {
      throw failure("object-info " + container + "/" + object, e);
    }
  }

  @Override
  public boolean exists(String container, String object) {
    return Files.isRegularFile(objectPath(container, object), NOFOLLOW);
  }

  @Override
  public InputStream read(String container, String object, long start, long end) {
    Path p = objectPath(container, object);
    try {
      SeekableByteChannel ch =
          Files.newByteChannel(p, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
      try {
        Range r = Range.of(start, end, ch.size());
        ch.position(r.offset());
        return new BoundedInputStream(Channels.newInputStream(ch), r.length());
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (NoSuchFileException e) {
      throw BlobException.noObject(container, object);
    } catch (IOException e) {
      if (Files.isSymbolicLink(p)) {
        throw symlink(container, object);
      }
      throw failure("get-data " + container + "/" + object, e);
    }
  }

  @Override
  public void write(String container, String object, InputStream data) {
    Path target = objectPath(container, object);
    Path dir = existingContainer(container);
    Path t = null;
    try {
      t = Files.createTempFile(tmp, "put-", ".part");
      try (var out = Files.newOutputStream(t)) {
        byte[] buf = BufferMeter.allocate(COPY_BUFFER);
        int n;
        while ((n = data.read(buf)) >= 0) {
          out.write(buf, 0, n);
        }
      }
      Path parent = target.getParent();
      if (!parent.equals(dir)) {
        Files.createDirectories(parent);
        checkNoLinks(container, object);
      }
      if (Files.isDirectory(target, NOFOLLOW)) {
        throw new BlobException(
            "object '" + object + "' cannot be written: it is a prefix of other objects' names");
      }
      Files.move(t, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      t = null;
    } catch (IOException e) {
      throw failure("write-data " + container + "/" + object, e);
    } finally {
      if (t != null) {
        try {
          Files.deleteIfExists(t);
        } catch (IOException ignored) {
          // a stale temporary file under .tmp is harmless and invisible to guests
        }
      }
    }
  }

  @Override
  public void delete(String container, String object) {
    Path p = objectPath(container, object);
    Path dir = existingContainer(container);
    try {
      if (!Files.isDirectory(p, NOFOLLOW)) {
        Files.deleteIfExists(p);
      }
      // drop the directories the object's name made, when now empty
      for (Path d = p.getParent(); !d.equals(dir); d = d.getParent()) {
        try {
          Files.delete(d);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
          break;
        }
      }
    } catch (IOException e) {
      throw failure("delete-object " + container + "/" + object, e);
    }
  }

  /** The container's directory; refuses names that could leave the root or hide a link. */
  private Path containerPath(String container) {
    Names.checkNonEmpty(container);
    if (container.indexOf('/') >= 0
        || container.indexOf('\\') >= 0
        || container.indexOf('\0') >= 0
        || container.startsWith(".")
        || container.length() > 255) {
      throw new BlobException(
          "container name '"
              + container
              + "' is refused by the filesystem backend: it must be one path segment of at most"
              + " 255 characters without '/', '\\' or NUL, not starting with '.'");
    }
    return root.resolve(container);
  }

  private Path existingContainer(String container) {
    Path dir = containerPath(container);
    if (Files.isSymbolicLink(dir)) {
      throw new BlobException(
          "container '" + container + "' is a symbolic link; the filesystem backend follows none");
    }
    if (!Files.isDirectory(dir, NOFOLLOW)) {
      throw BlobException.noContainer(container);
    }
    return dir;
  }

  /** The object's file; refuses names that could leave the container, and links on the way. */
  private Path objectPath(String container, String object) {
    Path dir = existingContainer(container);
    Names.checkObject(object);
    if (object.startsWith("/") || object.indexOf('\\') >= 0 || object.indexOf('\0') >= 0) {
      throw refusedObject(object);
    }
    for (String seg : object.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..") || seg.length() > 255) {
        throw refusedObject(object);
      }
    }
    Path p = dir.resolve(object).normalize();
    if (!p.startsWith(dir) || p.equals(dir)) {
      throw refusedObject(object);
    }
    checkNoLinks(container, object);
    return p;
  }

  /** Refuses a symbolic link anywhere between the container directory and the object. */
  private void checkNoLinks(String container, String object) {
    Path p = root.resolve(container);
    for (String seg : object.split("/")) {
      p = p.resolve(seg);
      if (Files.isSymbolicLink(p)) {
        throw symlink(container, object);
      }
    }
  }

  private static BlobException refusedObject(String object) {
    return new BlobException(
        "object name '"
            + object
            + "' is refused by the filesystem backend: use '/'-separated segments that are not"
            + " empty, '.' or '..', without a leading '/', '\\' or NUL");
  }

  private static BlobException symlink(String container, String object) {
    return new BlobException(
        "object '"
            + object
            + "' in container '"
            + container
            + "' goes through a symbolic link; the filesystem backend follows none");
  }

  private static long createdAt(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW)
          .creationTime()
          .toInstant()
          .getEpochSecond();
    } catch (IOException e) {
      throw failure("stat " + p.getFileName(), e);
    }
  }

  private static BlobException failure(String what, Exception e) {
    return new BlobException(what + " failed: " + e.getMessage(), e);
  }
}
