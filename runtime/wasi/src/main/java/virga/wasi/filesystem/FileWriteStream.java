package virga.wasi.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import virga.wasi.io.HostOutputStream;
import virga.wasi.io.Readiness;
import virga.wasi.io.StreamException;

/**
 * {@code write-via-stream} (from an offset) and {@code append-via-stream} (at the end of file on
 * every write): writes synchronously, so it is always ready and permits {@code budget} bytes per
 * write; after a failed write it reports {@code closed}, as does a dropped descriptor.
 */
final class FileWriteStream extends HostOutputStream {
  private final FileDescriptor file;
  private final FileChannel channel;
  private final long budget;
  private final boolean append;
  private long position;
  private boolean failed;

  FileWriteStream(FileDescriptor file, long offset, boolean append, long budget) {
    this.file = file;
    this.channel = file.writer();
    this.position = offset;
    this.append = append;
    this.budget = budget;
  }

  @Override
  public long checkWrite() {
    ensureOpen();
    return budget;
  }

  @Override
  public void write(byte[] bytes) {
    ensureOpen();
    try {
      long at = append ? channel.size() : position;
      FileDescriptor.writeFully(channel, bytes, at);
      position = at + bytes.length;
    } catch (IOException | FsException e) {
      failed = true;
      throw StreamException.failed("file write failed", asIo(e));
    }
  }

  @Override
  public void flush() {
    ensureOpen(); // writes went straight to the channel
  }

  @Override
  public Readiness readiness() {
    return Readiness.ALWAYS;
  }

  private void ensureOpen() {
    if (failed || isClosed() || file.isClosed()) {
      throw StreamException.closed();
    }
  }

  /** The cause {@code filesystem-error-code} maps: an I/O exception carrying the code. */
  static IOException asIo(Exception e) {
    return e instanceof IOException io ? io : new CodedIOException((FsException) e);
  }

  /** An {@link IOException} carrying a WASI code, for stream errors the host itself raises. */
  static final class CodedIOException extends IOException {
    private static final long serialVersionUID = 1L;

    CodedIOException(FsException e) {
      super(e.getMessage(), e);
    }
  }
}
