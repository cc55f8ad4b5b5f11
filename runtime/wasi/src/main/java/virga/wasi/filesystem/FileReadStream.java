package virga.wasi.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import virga.wasi.io.HostInputStream;
import virga.wasi.io.Readiness;
import virga.wasi.io.StreamException;

/**
 * {@code read-via-stream}: reads a file from an offset onwards; always ready (file reads do not
 * wait), {@code closed} at end of file or once the descriptor is dropped. Allocates at most the
 * bytes asked for (already bounded by the chunk limit) and that exist.
 */
final class FileReadStream extends HostInputStream {
  private final FileDescriptor file;
  private final FileChannel channel;
  private long position;

  FileReadStream(FileDescriptor file, long offset) {
    this.file = file;
    this.channel = file.reader();
    this.position = offset;
  }

  @Override
  public byte[] read(int len) {
    if (isClosed() || file.isClosed()) {
      throw StreamException.closed();
    }
    try {
      long size = channel.size();
      if (position < 0 || position >= size) {
        throw StreamException.closed();
      }
      if (len == 0) {
        return new byte[0];
      }
      byte[] b = FileDescriptor.readFully(channel, position, (int) Math.min(len, size - position));
      if (b.length == 0) {
        throw StreamException.closed();
      }
      position += b.length;
      return b;
    } catch (IOException e) {
      throw StreamException.failed("file read failed", e);
    }
  }

  @Override
  public Readiness readiness() {
    return Readiness.ALWAYS;
  }
}
