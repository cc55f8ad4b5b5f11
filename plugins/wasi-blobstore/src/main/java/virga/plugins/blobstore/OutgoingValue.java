package virga.plugins.blobstore;

import java.io.IOException;
import java.io.InputStream;
import virga.plugins.blobstore.backend.BlobException;
import virga.wasi.io.HostOutputStream;
import virga.wasi.io.JavaOutputStream;

/**
 * The {@code outgoing-value} resource: a body the guest writes through one output-stream into a
 * {@link Spool}, aimed at an object by {@code write-data} and stored by {@code finish}.
 */
public final class OutgoingValue implements AutoCloseable {
  /** How many bytes one {@code write} may carry ({@code check-write}). */
  static final long WRITE_BUDGET = 64 * 1024;

  private final Spool spool;
  private boolean bodyTaken;
  private Target target;

  /** Where {@code write-data} aimed the value. */
  record Target(Session session, String container, String object) {}

  OutgoingValue(Spool spool) {
    this.spool = spool;
  }

  /** The body stream, once; later calls are an error. */
  synchronized HostOutputStream body() {
    if (bodyTaken) {
      return null;
    }
    bodyTaken = true;
    return new JavaOutputStream(spool.writer(), WRITE_BUDGET, true);
  }

  synchronized void aim(Target t) {
    target = t;
  }

  synchronized Target target() {
    return target;
  }

  /** The bytes written, from the start. */
  InputStream contents() {
    try {
      return spool.reader();
    } catch (IOException e) {
      throw new BlobException("the outgoing value cannot be read back: " + e.getMessage(), e);
    }
  }

  /** Bytes written so far. */
  long size() {
    return spool.size();
  }

  @Override
  public void close() {
    spool.close();
  }
}
