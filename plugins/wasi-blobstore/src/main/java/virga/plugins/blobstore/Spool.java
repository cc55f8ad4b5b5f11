package virga.plugins.blobstore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import virga.plugins.blobstore.backend.BufferMeter;

/**
 * Where an outgoing value's bytes wait between the guest's writes and {@code finish}: in memory up
 * to {@code memoryLimit} bytes, in a temporary file beyond, so a large value never sits in the
 * heap. Closing it deletes the file.
 */
final class Spool implements AutoCloseable {
  private final int memoryLimit;
  private final Path dir;
  private byte[] memory;
  private int used;
  private Path file;
  private OutputStream fileOut;
  private long size;
  private boolean sealed;
  private boolean closed;

  Spool(int memoryLimit, Path dir) {
    this.memoryLimit = memoryLimit;
    this.dir = dir;
  }

  /** The writing end: every byte the guest writes. Closing it seals the spool. */
  OutputStream writer() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        append(b, off, len);
      }

      @Override
      public void close() throws IOException {
        seal();
      }
    };
  }

  /** The number of bytes written. */
  synchronized long size() {
    return size;
  }

  /** Everything written so far, from the start; seals the spool. */
  synchronized InputStream reader() throws IOException {
    seal();
    InputStream head = new ByteArrayInputStream(memory == null ? new byte[0] : memory, 0, used);
    if (file == null) {
      return head;
    }
    return new SequenceInputStream(head, Files.newInputStream(file));
  }

  private synchronized void append(byte[] b, int off, int len) throws IOException {
    if (sealed || closed) {
      throw new IOException("the outgoing value is finished");
    }
    if (file == null && used + len <= memoryLimit) {
      if (memory == null || memory.length < used + len) {
        int cap =
            Math.min(memoryLimit, Math.max(used + len, memory == null ? 8192 : 2 * memory.length));
        byte[] grown = BufferMeter.allocate(cap);
        if (memory != null) {
          System.arraycopy(memory, 0, grown, 0, used);
        }
        memory = grown;
      }
      System.arraycopy(b, off, memory, used, len);
      used += len;
    } else {
      if (file == null) {
        file = Files.createTempFile(dir, "blobstore-", ".spool");
        fileOut = Files.newOutputStream(file);
      }
      fileOut.write(b, off, len);
    }
    size += len;
  }

  private synchronized void seal() throws IOException {
    if (!sealed) {
      sealed = true;
      if (fileOut != null) {
        fileOut.close();
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    memory = null;
    try {
      seal();
    } catch (IOException ignored) {
      // the file goes next either way
    }
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file left behind is the system's to clean
      }
    }
  }
}
