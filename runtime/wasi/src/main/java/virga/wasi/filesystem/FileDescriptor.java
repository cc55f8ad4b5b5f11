package virga.wasi.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An open regular file: a {@link FileChannel} (positional reads and writes, so streams at several
 * offsets share it) plus the host path it was opened at, used for metadata only while that path
 * still names the same file. Reading needs the {@code read} flag and writing the {@code write}
 * flag, else {@code bad-descriptor}; reads never allocate more than the bytes that exist.
 */
final class FileDescriptor extends Descriptor {
  private final Path path;
  private final FileChannel channel;
  private final Stat.Id id;
  private final Set<String> flags;

  FileDescriptor(
      Path top, Path path, FileChannel channel, Stat.Id id, Set<String> flags, boolean readOnly) {
    super(top, readOnly);
    this.path = path;
    this.channel = channel;
    this.id = id;
    this.flags = Set.copyOf(flags);
  }

  @Override
  FileDescriptor file() {
    return this;
  }

  boolean canRead() {
    return flags.contains("read");
  }

  boolean canWrite() {
    return flags.contains("write");
  }

  /** The channel, for a reader; {@code bad-descriptor} without the read flag. */
  FileChannel reader() {
    if (!canRead()) {
      throw new FsException(ErrorCode.BAD_DESCRIPTOR, "descriptor is not open for reading");
    }
    return channel;
  }

  /** The channel, for a writer; {@code bad-descriptor} without the write flag. */
  FileChannel writer() {
    if (!canWrite()) {
      throw new FsException(ErrorCode.BAD_DESCRIPTOR, "descriptor is not open for writing");
    }
    return channel;
  }

  /**
   * Up to {@code len} bytes at {@code offset} (at most {@code max}), and whether the read found the
   * end of the file (returned nothing).
   */
  Read read(long len, long offset, int max) throws IOException {
    FileChannel c = reader();
    long size = c.size();
    if (offset < 0 || offset >= size) {
      return new Read(new byte[0], true); // offsets past 2^63 are past any end
    }
    long want = Long.compareUnsigned(len, max) > 0 ? max : len;
    int n = (int) Math.min(want, size - offset);
    byte[] b = readFully(c, offset, n);
    // as wasmtime and jco: end of file is a read that returns nothing, not one that reaches the end
    return new Read(b, b.length == 0);
  }

  /** A read's bytes and end-of-file flag. */
  record Read(byte[] bytes, boolean eof) {}

  /** Reads up to {@code n} bytes at {@code offset}, stopping early at end of file. */
  static byte[] readFully(FileChannel c, long offset, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    while (buf.hasRemaining()) {
      int r = c.read(buf, offset + buf.position());
      if (r < 0) {
        break;
      }
    }
    if (buf.position() == n) {
      return buf.array();
    }
    byte[] out = new byte[buf.position()];
    System.arraycopy(buf.array(), 0, out, 0, out.length);
    return out;
  }

  /** Writes all of {@code bytes} at {@code offset}. */
  static void writeFully(FileChannel c, byte[] bytes, long offset) throws IOException {
    if (offset < 0 || offset + bytes.length < 0) {
      throw new FsException(ErrorCode.FILE_TOO_LARGE, "write past 2^63 bytes");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      c.write(buf, offset + buf.position());
    }
  }

  /** Truncates or extends (with zeroes) to {@code size}. */
  void setSize(long size) throws IOException {
    checkWritable("set-size");
    FileChannel c = writer();
    if (size < 0) {
      throw new FsException(ErrorCode.FILE_TOO_LARGE, "size past 2^63 bytes");
    }
    long now = c.size();
    if (size < now) {
      c.truncate(size);
    } else if (size > now) {
      c.write(ByteBuffer.wrap(new byte[1]), size - 1);
    }
  }

  void sync(boolean metadata) throws IOException {
    channel.force(metadata);
  }

  /** The host path, if it still names this file (else the file was moved, replaced or removed). */
  Path pathIfSame() throws IOException {
    Stat s = Stat.ofOrNull(path);
    return s != null && s.id().equals(id) ? path : null;
  }

  Stat.Id id() {
    return id;
  }

  @Override
  Stat stat() {
    try {
      Path p = pathIfSame();
      if (p != null) {
        return Stat.of(p);
      }
      // moved or unlinked while open: what the channel still knows
      return new Stat("regular-file", 0, channel.size(), null, null, null, id);
    } catch (IOException e) {
      throw Errors.of(e);
    }
  }

  /** Sets the times ({@code null}: unchanged) of this file. */
  void setTimes(FileTime accessed, FileTime modified) throws IOException {
    checkWritable("set-times");
    Path p = pathIfSame();
    if (p == null) {
      throw new FsException(ErrorCode.BAD_DESCRIPTOR, "file was moved or removed while open");
    }
    Times.set(p, accessed, modified);
  }

  @Override
  Set<String> flags() {
    return new LinkedHashSet<>(flags);
  }

  @Override
  protected void onClose() {
    try {
      channel.close();
    } catch (IOException e) {
      // the guest dropped it; nothing to report to
    }
  }
}
