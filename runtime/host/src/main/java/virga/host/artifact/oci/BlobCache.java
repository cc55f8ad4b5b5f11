package virga.host.artifact.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The on-disk cache shared by all workloads of a host: blobs stored by content ({@code
 * blobs/sha256/<hex>}) and a small index from a reference to the digest of its component layer
 * ({@code refs/<sha256 of the reference>}), so that a cached reference starts without the registry.
 * Every file is written to a temporary file and moved into place, so a reader never sees half a
 * blob, and every blob is verified against its digest when read.
 */
public final class BlobCache {
  private final Path root;

  /** A cache under {@code root} (created on first write). */
  public BlobCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The cache directory. */
  public Path root() {
    return root;
  }

  /** Where the blob with {@code digest} is stored. */
  public Path blobPath(String digest) {
    return root.resolve("blobs").resolve("sha256").resolve(Digests.hex(digest));
  }

  /**
   * The bytes of {@code digest} when cached and intact. A blob whose content does not match its
   * digest is deleted and reported as {@link Lookup#CORRUPT}.
   */
  public Lookup get(String digest) {
    Path file = blobPath(digest);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Lookup.MISSING;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cached blob " + file, e);
    }
    if (!Digests.sha256(bytes).equals(digest)) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete corrupt cached blob " + file, e);
      }
      return Lookup.CORRUPT;
    }
    return new Lookup(bytes, false);
  }

  /** Stores {@code bytes}, which the caller has verified to have {@code digest}. */
  public void put(String digest, byte[] bytes) {
    writeAtomically(blobPath(digest), bytes);
  }

  /** The layer digest recorded for {@code reference}, if any. */
  public Optional<String> digestOf(ImageReference reference) {
    Path file = refPath(reference);
    try {
      String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
      // line 1: the reference (for people reading the cache), line 2: the layer digest
      return lines.length >= 2 && lines[1].matches("sha256:[0-9a-f]{64}")
          ? Optional.of(lines[1])
          : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cache index " + file, e);
    }
  }

  /** Records that {@code reference}'s component layer is {@code digest}. */
  public void record(ImageReference reference, String digest) {
    writeAtomically(
        refPath(reference), (reference + "\n" + digest + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private Path refPath(ImageReference reference) {
    String key = Digests.hex(Digests.sha256(reference.toString().getBytes(StandardCharsets.UTF_8)));
    return root.resolve("refs").resolve(key);
  }

  private static void writeAtomically(Path target, byte[] bytes) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
      try {
        Files.write(tmp, bytes);
        try {
          Files.move(
              tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + " in the OCI cache", e);
    }
  }

  /**
   * A cache lookup: the bytes, or none ({@code corrupt} when a blob was there but did not match).
   *
   * @param bytes the blob, or null
   * @param corrupt whether a stored blob failed its digest check (and was removed)
   */
  public record Lookup(byte[] bytes, boolean corrupt) {
    static final Lookup MISSING = new Lookup(null, false);
    static final Lookup CORRUPT = new Lookup(null, true);

    /** Whether the blob was found intact. */
    public boolean hit() {
      return bytes != null;
    }
  }
}
