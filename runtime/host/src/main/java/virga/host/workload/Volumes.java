package virga.host.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import virga.protocol.v2.Volume;
import virga.protocol.v2.VolumeMount;
import virga.wasi.Preopen;

/**
 * A workload's volumes, ready to mount: a {@code hostPath} must be an existing directory; an {@code
 * emptyDir} is a fresh directory under the host's temp root, deleted with everything in it by
 * {@link #close()}.
 */
public final class Volumes implements AutoCloseable {
  private final Map<String, Path> byName;
  private final List<Path> ephemeral;

  private Volumes(Map<String, Path> byName, List<Path> ephemeral) {
    this.byName = byName;
    this.ephemeral = ephemeral;
  }

  /** No volumes. */
  public static Volumes none() {
    return new Volumes(new LinkedHashMap<>(), new ArrayList<>());
  }

  /**
   * Validates {@code volumes} and creates the ephemeral ones under {@code tempRoot}; on failure,
   * whatever was created is removed again.
   *
   * @throws WorkloadException naming the volume and the path at fault
   */
  public static Volumes prepare(List<Volume> volumes, Path tempRoot) {
    Map<String, Path> byName = new LinkedHashMap<>();
    List<Path> ephemeral = new ArrayList<>();
    Volumes result = new Volumes(byName, ephemeral);
    try {
      for (Volume v : volumes) {
        String name = v.getName();
        if (name.isBlank()) {
          throw new WorkloadException("a volume has no name: every volume needs one to be mounted");
        }
        if (byName.containsKey(name)) {
          throw new WorkloadException("volume '" + name + "' is declared twice");
        }
        switch (v.getVolumeTypeCase()) {
          case HOST_PATH -> byName.put(name, hostPath(name, v.getHostPath().getLocalPath()));
          case EMPTY_DIR -> {
            Path dir = Files.createTempDirectory(tempRoot, "virga-volume-" + safe(name) + "-");
            ephemeral.add(dir);
            byName.put(name, dir);
          }
          default ->
              throw new WorkloadException(
                  "volume '" + name + "' has neither hostPath nor emptyDir: give it one of them");
        }
      }
      return result;
    } catch (IOException e) {
      result.close();
      throw new WorkloadException(
          "cannot create an emptyDir volume under " + tempRoot + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      result.close();
      throw e;
    }
  }

  private static Path hostPath(String name, String localPath) {
    if (localPath.isBlank()) {
      throw new WorkloadException("volume '" + name + "': hostPath has no localPath");
    }
    Path p = Path.of(localPath);
    if (!p.isAbsolute()) {
      throw new WorkloadException(
          "volume '" + name + "': hostPath '" + localPath + "' must be an absolute path");
    }
    if (!Files.isDirectory(p)) {
      throw new WorkloadException(
          "volume '"
              + name
              + "': hostPath '"
              + localPath
              + (Files.exists(p)
                  ? "' is not a directory"
                  : "' does not exist on this host (create the directory first)"));
    }
    return p;
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  /** The directory of volume {@code name}, or null. */
  public Path path(String name) {
    return byName.get(name);
  }

  /** The ephemeral directories created for this workload. */
  public List<Path> ephemeral() {
    return List.copyOf(ephemeral);
  }

  /**
   * The preopens of {@code mounts} for item {@code itemLabel} ({@code component 'x'}, {@code
   * service}).
   *
   * @throws WorkloadException when a mount names an unknown volume or has no mount path
   */
  public List<Preopen> preopens(List<VolumeMount> mounts, String itemLabel) {
    List<Preopen> out = new ArrayList<>();
    for (VolumeMount m : mounts) {
      Path dir = byName.get(m.getName());
      if (dir == null) {
        throw new WorkloadException(
            itemLabel
                + " mounts volume '"
                + m.getName()
                + "', which the workload does not declare"
                + (byName.isEmpty()
                    ? " (it declares no volumes)"
                    : " (volumes: " + String.join(", ", byName.keySet()) + ")"));
      }
      if (m.getMountPath().isBlank()) {
        throw new WorkloadException(
            itemLabel + " mounts volume '" + m.getName() + "' without a mountPath");
      }
      out.add(new Preopen(dir, m.getMountPath(), m.getReadOnly()));
    }
    return out;
  }

  /** Deletes the ephemeral directories with their contents; idempotent. */
  @Override
  public void close() {
    UncheckedIOException failure = null;
    synchronized (ephemeral) {
      for (Path dir : ephemeral) {
        try {
          deleteTree(dir);
        } catch (IOException e) {
          if (failure == null) {
            failure = new UncheckedIOException("cannot delete emptyDir volume " + dir, e);
          }
        }
      }
      ephemeral.clear();
    }
    if (failure != null) {
      throw failure;
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
