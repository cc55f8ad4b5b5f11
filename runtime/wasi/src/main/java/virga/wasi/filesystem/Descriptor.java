package virga.wasi.filesystem;

import java.nio.file.Path;
import java.util.Set;
import virga.wasi.host.HostResource;

/**
 * The rep of {@code wasi:filesystem/types.descriptor}: an open directory or file below one preopen.
 * {@code top} is the preopen's real host directory (the bound for guest-created symlinks); {@code
 * readOnly} marks descriptors below a read-only preopen, which refuse every mutation with {@code
 * read-only}.
 */
public abstract sealed class Descriptor extends HostResource permits DirDescriptor, FileDescriptor {
  private final Path top;
  private final boolean readOnly;

  Descriptor(Path top, boolean readOnly) {
    this.top = top;
    this.readOnly = readOnly;
  }

  /** The preopen's real host directory this descriptor lies below. */
  final Path top() {
    return top;
  }

  /** Whether this descriptor lies below a read-only preopen. */
  public final boolean readOnly() {
    return readOnly;
  }

  /** Fails with {@code read-only} below a read-only preopen. */
  final void checkWritable(String what) {
    if (readOnly) {
      throw new FsException(ErrorCode.READ_ONLY, what + " below a read-only preopen");
    }
  }

  /** The current metadata of the object this descriptor is open on. */
  abstract Stat stat();

  /** The {@code descriptor-flags} labels this descriptor was opened with. */
  abstract Set<String> flags();

  /** The directory this is, or {@code not-directory}. */
  DirDescriptor dir() {
    throw new FsException(ErrorCode.NOT_DIRECTORY, "descriptor is not a directory");
  }

  /** The file this is, or {@code bad-descriptor} (wasmtime's answer for a directory). */
  FileDescriptor file() {
    throw new FsException(ErrorCode.BAD_DESCRIPTOR, "descriptor is a directory");
  }
}
